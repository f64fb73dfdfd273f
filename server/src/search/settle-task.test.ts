import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EnqueuedTaskPromise, Meilisearch } from 'meilisearch';
import { afterEach, describe, expect, it } from 'vitest';
import { settleTask } from './settle-task.js';

// Answers GET /tasks/7 as Meilisearch does, with the statuses given, one per poll (the last repeats).
const taskServer = async (statuses: string[]) => {
  let polls = 0;
  const server = createServer((request, response) => {
    const status = statuses[Math.min(polls++, statuses.length - 1)];
    response.writeHead(request.url === '/tasks/7' ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ uid: 7, status, type: 'documentAdditionOrUpdate', error: null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, polls: () => polls, host: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

const enqueued = (taskUid: number) => Promise.resolve({ taskUid }) as unknown as EnqueuedTaskPromise;

describe('settleTask', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('polls until the task has finished and returns it', async () => {
    const fake = await taskServer(['enqueued', 'processing', 'processing', 'succeeded']);
    server = fake.server;
    const task = await settleTask(new Meilisearch({ host: fake.host }), enqueued(7), 5_000);
    expect(task).toMatchObject({ uid: 7, status: 'succeeded' });
    expect(fake.polls()).toBe(4);
  });

  it('returns a failed task for the caller to report', async () => {
    const fake = await taskServer(['failed']);
    server = fake.server;
    expect(await settleTask(new Meilisearch({ host: fake.host }), enqueued(7), 5_000)).toMatchObject({ status: 'failed' });
  });

  it('gives up after the timeout, naming the task', async () => {
    const fake = await taskServer(['processing']);
    server = fake.server;
    await expect(settleTask(new Meilisearch({ host: fake.host }), enqueued(7), 100)).rejects.toThrow(
      'Meilisearch task 7 did not finish within 100 ms',
    );
    expect(fake.polls()).toBeGreaterThan(1);
  });
});
