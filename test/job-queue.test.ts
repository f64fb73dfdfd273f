import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from '../server/src/jobs/job-definition.js';
import type { JobQueue } from '../server/src/jobs/job-queue.js';
import { startJobQueue } from '../server/src/jobs/pg-boss-job-queue.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer } from './support/test-server.js';

const logger = pino({ level: process.env.AGENTLOOP_TEST_LOG_LEVEL ?? 'silent' });
const payload = z.object({ n: z.number().int() });

/** A promise with its resolve exposed, for handlers the test releases. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
};

describe('durable job queue', () => {
  let database: TestDatabase;
  const queues: JobQueue[] = [];
  const startQueue = async () => {
    const queue = await startJobQueue({ sql: (await database.open()).sql, logger, pollingIntervalMs: 100 });
    queues.push(queue);
    return queue;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const queue of queues) await queue.stop({ graceful: false, timeoutMs: 1_000 });
    await database?.drop();
  });

  it('keeps a job sent while no worker runs and runs it in a server started later', async () => {
    const seen: number[] = [];
    const recordJob = defineJob({
      name: 'test-record',
      payload,
      handle: async (job) => {
        seen.push(job.data.n);
        return { doubled: job.data.n * 2 };
      },
    });
    const apiOnly = await startTestServer(database, { env: { AGENTLOOP_WORKERS: 'false' }, jobDefinitions: [recordJob] });
    const id = await apiOnly.jobs.send('test-record', { n: 21 });
    if (!id) throw new Error('no job id');
    await apiOnly.stop();
    expect(seen).toEqual([]);

    const withWorkers = await startTestServer(database, {
      adminKey: apiOnly.adminKey,
      env: { AGENTLOOP_JOB_POLL_MS: '100' },
      jobDefinitions: [recordJob],
    });
    try {
      await expect
        .poll(async () => (await withWorkers.jobs.getJob('test-record', id))?.state, { timeout: 20_000 })
        .toBe('completed');
      expect(seen).toEqual([21]);
      expect((await withWorkers.jobs.getJob('test-record', id))?.output).toEqual({ doubled: 42 });
    } finally {
      await withWorkers.stop();
    }
  });

  it('shares one queue between two worker instances and runs each job exactly once', async () => {
    const [a, b] = [await startQueue(), await startQueue()];
    await a.createQueue('test-shared');
    const runs = new Map<number, string[]>();
    const handler = (instance: string) => async (job: { data: { n: number } }) => {
      runs.set(job.data.n, [...(runs.get(job.data.n) ?? []), instance]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await a.work('test-shared', payload, { concurrency: 2, batchSize: 5 }, handler('a'));
    await b.work('test-shared', payload, { concurrency: 2, batchSize: 5 }, handler('b'));
    const ids = await a.sendMany(
      'test-shared',
      Array.from({ length: 200 }, (_, n) => ({ data: { n } })),
    );
    expect(ids).toHaveLength(200);
    await expect.poll(() => runs.size, { timeout: 60_000 }).toBe(200);
    await expect
      .poll(
        async () => (await Promise.all(ids.map((id) => a.getJob('test-shared', id)))).every((j) => j?.state === 'completed'),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, n) => n));
    expect([...runs.values()].filter((instances) => instances.length !== 1)).toEqual([]);
    const byInstance = [...runs.values()].flat();
    expect(byInstance.filter((i) => i === 'a').length).toBeGreaterThan(0);
    expect(byInstance.filter((i) => i === 'b').length).toBeGreaterThan(0);
  });

  it('retries a failing handler with backoff, then marks the job failed and keeps the error', async () => {
    const queue = await startQueue();
    await queue.createQueue('test-failing', { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: true });
    const attempts: { at: number; retryCount: number }[] = [];
    await queue.work('test-failing', payload, {}, async (job) => {
      attempts.push({ at: Date.now(), retryCount: job.retryCount });
      throw new Error(`judge unreachable (attempt ${job.retryCount + 1})`);
    });
    const id = await queue.send('test-failing', { n: 1 });
    if (!id) throw new Error('no job id');
    await expect.poll(async () => (await queue.getJob('test-failing', id))?.state, { timeout: 30_000 }).toBe('failed');
    const job = await queue.getJob('test-failing', id);
    expect(job?.retryCount).toBe(2);
    expect(job?.output).toMatchObject({ name: 'Error', message: 'judge unreachable (attempt 3)' });
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1, 2]);
    // Backoff: the database holds each retry until its start_after (≥ 1 s, then ≥ 2 s).
    const [first, second, third] = attempts.map((a) => a.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(900);
    expect(third - second).toBeGreaterThanOrEqual(1_900);
  });

  it('fails a job whose payload does not match the schema, naming the field', async () => {
    const queue = await startQueue();
    await queue.createQueue('test-payload', { retryLimit: 0 });
    let ran = false;
    await queue.work('test-payload', payload, {}, async () => {
      ran = true;
    });
    const id = await queue.send('test-payload', { n: 'one' });
    if (!id) throw new Error('no job id');
    await expect.poll(async () => (await queue.getJob('test-payload', id))?.state, { timeout: 20_000 }).toBe('failed');
    expect((await queue.getJob('test-payload', id))?.output).toMatchObject({ message: expect.stringContaining('n: ') });
    expect(ran).toBe(false);
  });

  it('cancels a waiting job before it starts and aborts a running one', async () => {
    const queue = await startQueue();
    await queue.createQueue('test-cancel');
    const started = gate();
    let aborted = false;
    await queue.work('test-cancel', payload, {}, async (job) => {
      started.open();
      await new Promise<void>((resolve) => job.signal.addEventListener('abort', () => resolve(), { once: true }));
      aborted = true;
    });
    const later = await queue.send('test-cancel', { n: 1 }, { startAfter: new Date(Date.now() + 3_600_000) });
    const now = await queue.send('test-cancel', { n: 2 });
    if (!later || !now) throw new Error('no job id');
    await queue.cancel('test-cancel', later);
    expect((await queue.getJob('test-cancel', later))?.state).toBe('cancelled');

    await started.opened;
    await queue.cancel('test-cancel', now);
    await expect.poll(() => aborted, { timeout: 10_000 }).toBe(true);
    // The handler returned after the cancel: the job stays cancelled, not completed.
    expect((await queue.getJob('test-cancel', now))?.state).toBe('cancelled');
  });

  it('on a graceful stop, waits for the handler in flight and records its result', async () => {
    const queue = await startQueue();
    await queue.createQueue('test-graceful');
    const started = gate();
    const release = gate();
    const events: string[] = [];
    await queue.work('test-graceful', payload, {}, async () => {
      started.open();
      await release.opened;
      events.push('handler finished');
    });
    const id = await queue.send('test-graceful', { n: 1 });
    if (!id) throw new Error('no job id');
    await started.opened;
    const stopped = queue.stop({ graceful: true, timeoutMs: 30_000 }).then(() => events.push('queue stopped'));
    // The stop is underway and the job is still active until the handler is released.
    expect((await (await startQueue()).getJob('test-graceful', id))?.state).toBe('active');
    events.push('released');
    release.open();
    await stopped;
    expect(events).toEqual(['released', 'handler finished', 'queue stopped']);
    const reader = await startQueue();
    expect((await reader.getJob('test-graceful', id))?.state).toBe('completed');
  });
});
