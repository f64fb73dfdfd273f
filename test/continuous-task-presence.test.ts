import { createPubSub } from 'graphql-yoga';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ContinuousTaskPresence, createContinuousTaskPresence } from '../server/src/ingestion/continuous-task-presence.js';
import type { PubSubEvents } from '../server/src/pubsub/events.js';
import { useProjectDatabase } from './support/test-database.js';

describe('continuous task presence', () => {
  const t = useProjectDatabase();
  let evaluatorId: string;
  let presence: ContinuousTaskPresence | undefined;
  beforeAll(async () => {
    evaluatorId = (await t.db.prisma.evaluator.create({ data: { projectId: t.projectId, name: 'e', pluginName: 'contains' } }))
      .id;
  });
  afterEach(() => presence?.close());

  const setUp = (clock: { now: number }) => {
    const pubsub = createPubSub<PubSubEvents>();
    let reads = 0;
    const sql = {
      query: <Row>(text: string, params?: unknown[]) => {
        reads++;
        return t.db.sql.query<Row>(text, params);
      },
    };
    presence = createContinuousTaskPresence({ sql, pubsub, ttlMs: 5_000, now: () => clock.now });
    return { pubsub, presence, reads: () => reads };
  };
  const createTask = (mode: 'CONTINUOUS' | 'HISTORICAL') =>
    t.db.prisma.evalTask.create({ data: { projectId: t.projectId, name: mode, evaluatorId, dataSource: 'TRACES', mode } });
  // Lets the subscription loop take the event (it runs on the microtask queue).
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('remembers the answer until a task event for the project or the end of the TTL', async () => {
    const clock = { now: 0 };
    const { pubsub, presence, reads } = setUp(clock);
    expect(await presence.hasRunning(t.projectId)).toBe(false);
    expect(await presence.hasRunning(t.projectId)).toBe(false);
    expect(reads()).toBe(1);

    // A historical task is not woken by ingestion.
    const historical = await createTask('HISTORICAL');
    pubsub.publish('evalTaskProgress', t.projectId, { taskId: historical.id });
    await settle();
    expect(await presence.hasRunning(t.projectId)).toBe(false);
    expect(reads()).toBe(2);

    // Created without an event (another instance without Redis): seen once the TTL ends.
    const continuous = await createTask('CONTINUOUS');
    expect(await presence.hasRunning(t.projectId)).toBe(false);
    clock.now += 5_001;
    expect(await presence.hasRunning(t.projectId)).toBe(true);
    expect(reads()).toBe(3);

    // Events of another project leave this one's answer alone.
    pubsub.publish('evalTaskProgress', '00000000-0000-0000-0000-000000000000', { taskId: continuous.id });
    await settle();
    expect(await presence.hasRunning(t.projectId)).toBe(true);
    expect(reads()).toBe(3);

    await t.db.prisma.evalTask.update({ where: { id: continuous.id }, data: { status: 'PAUSED' } });
    pubsub.publish('evalTaskProgress', t.projectId, { taskId: continuous.id });
    await settle();
    expect(await presence.hasRunning(t.projectId)).toBe(false);
    expect(reads()).toBe(4);
  });

  it('watches at most maxProjects projects, forgetting the one asked about least recently', async () => {
    const pubsub = createPubSub<PubSubEvents>();
    const ended: string[] = [];
    // The real pub/sub, with a record of which projects' subscriptions were ended.
    const recording = {
      ...pubsub,
      subscribe: (...args: Parameters<typeof pubsub.subscribe>) => {
        const iterator = pubsub.subscribe(...args)[Symbol.asyncIterator]();
        return {
          [Symbol.asyncIterator]: () => ({
            next: () => iterator.next(),
            return: () => {
              ended.push(String(args[1]));
              return iterator.return?.() ?? Promise.resolve({ done: true as const, value: undefined });
            },
          }),
        };
      },
    } as typeof pubsub;
    let reads = 0;
    const sql = {
      query: <Row>(text: string, params?: unknown[]) => {
        reads++;
        return t.db.sql.query<Row>(text, params);
      },
    };
    presence = createContinuousTaskPresence({ sql, pubsub: recording, ttlMs: 5_000, now: () => 0, maxProjects: 2 });
    const p1 = '00000000-0000-4000-8000-000000000001';
    const p2 = '00000000-0000-4000-8000-000000000002';
    const p3 = '00000000-0000-4000-8000-000000000003';
    await presence.hasRunning(p1);
    await presence.hasRunning(p2);
    await presence.hasRunning(p1);
    expect(reads).toBe(2);
    // p2 was asked about least recently: it makes room for p3.
    await presence.hasRunning(p3);
    expect(ended).toEqual([p2]);
    await presence.hasRunning(p1);
    expect(reads).toBe(3);
    // Forgotten, so read again, and watched again in place of p3.
    await presence.hasRunning(p2);
    expect(reads).toBe(4);
    expect(ended).toEqual([p2, p3]);
    // An event of a forgotten project changes nothing for the others.
    pubsub.publish('evalTaskProgress', p3, { taskId: 'x' });
    await settle();
    await presence.hasRunning(p1);
    await presence.hasRunning(p2);
    expect(reads).toBe(4);
  });

  it('asks the database every time once closed', async () => {
    const { presence, reads } = setUp({ now: 0 });
    presence.close();
    await presence.hasRunning(t.projectId);
    await presence.hasRunning(t.projectId);
    expect(reads()).toBe(2);
  });
});
