import { describe, expect, it } from 'vitest';
import { type IncomingLogRecord, writeLogRecords } from '../server/src/ingestion/write-log-records.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { holdTraceLocks } from './support/hold-trace-locks.js';
import { makeLogRecord } from './support/log-record-factory.js';
import { makeSpan } from './support/span-factory.js';
import { useProjectDatabase, usingPostgres } from './support/test-database.js';

// An exporter that times out retries while its first request is still being written: two
// transactions then carry the same records at once. Each must be stored once, or the GenAI events
// among them would double the messages composed into their span's input.
//
// The interleaving is forced: a test transaction holds the trace's summary lock, which a writer
// takes last, after inserting its records and filling their span. The first writer queues there;
// the second is started only then, so without a lock of their own both would have inserted
// before either commits. PGlite runs one transaction at a time, so only PostgreSQL can race them.
describe.runIf(usingPostgres())('log records of two identical exports written at the same time', () => {
  const t = useProjectDatabase();
  const at = (ms: number) => new Date(Date.UTC(2026, 10, 21, 12, 0, 0, ms));

  /** A model call's span, stored without input, and the GenAI events that fill it. */
  const spanWithEvents = async (projectId: string) => {
    const span = makeSpan({ name: 'chat gpt-4o' });
    await writeSpans(t.db.sql, projectId, [span]);
    const events = [
      makeLogRecord({
        traceId: span.traceId,
        spanId: span.spanId,
        timestamp: at(1),
        eventName: 'gen_ai.system.message',
        body: '{"content":"Be brief."}',
      }),
      makeLogRecord({
        traceId: span.traceId,
        spanId: span.spanId,
        timestamp: at(1),
        eventName: 'gen_ai.user.message',
        body: '{"content":"Capital of France?"}',
      }),
    ];
    return { span, events };
  };
  const projectWithSpan = async (name: string) => {
    const { organizationId } = await t.db.prisma.project.findUniqueOrThrow({ where: { id: t.projectId } });
    const projectId = (await t.db.prisma.project.create({ data: { name, organizationId } })).id;
    // The service has sent logs before: a first-seen application would make the second writer
    // wait for the first's uncommitted Application row, which serialises them by accident.
    await t.db.prisma.application.create({ data: { projectId, name: 'logger' } });
    return { projectId, ...(await spanWithEvents(projectId)) };
  };
  /** Plain records outside any trace: more than a batch locks one by one. */
  const untraced = (count: number) =>
    Array.from({ length: count }, (_, i) => makeLogRecord({ timestamp: at(i), body: `line ${i}` }));

  const waiting = async (count: number) =>
    expect
      .poll(async () => {
        const [row] = await t.db.sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
           WHERE NOT l.granted AND a.datname = current_database()`,
        );
        return row?.n;
      })
      .toBe(count);

  /** Writes first, then second once first waits for the traces' summary locks (see above). */
  const race = async (projectId: string, traceIds: string[], first: IncomingLogRecord[], second: IncomingLogRecord[]) => {
    const release = await holdTraceLocks(t.db.sql, projectId, traceIds);
    const writes: Promise<unknown>[] = [];
    try {
      writes.push(writeLogRecords(t.db.sql, projectId, first));
      await waiting(1);
      writes.push(writeLogRecords(t.db.sql, projectId, second));
      await waiting(2);
    } finally {
      await release();
    }
    return Promise.all(writes);
  };

  const storedBodies = async (projectId: string) =>
    (await t.db.prisma.logRecord.findMany({ where: { projectId }, select: { body: true } })).map((r) => r.body).sort();
  const inputOf = async (projectId: string, spanId: string) =>
    (await t.db.prisma.span.findFirstOrThrow({ where: { projectId, spanId } })).input;
  const bodiesOf = (records: IncomingLogRecord[]) => records.map((r) => r.body).sort();
  const MESSAGES = JSON.stringify([
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Capital of France?' },
  ]);

  it('stores each record once', async () => {
    const { projectId, span, events } = await projectWithSpan('same batch twice');
    await race(projectId, [span.traceId], events, events);
    expect(await storedBodies(projectId)).toEqual(bodiesOf(events));
    expect(await inputOf(projectId, span.spanId)).toBe(MESSAGES);
    // A later batch of the span's events composes from the stored ones: doubled rows would show.
    await writeLogRecords(t.db.sql, projectId, events);
    expect(await storedBodies(projectId)).toEqual(bodiesOf(events));
  });

  // A batch with more records than it locks one by one takes its project's gate instead.
  it('stores each record once when a large batch races a small one carrying some of its records', async () => {
    const { projectId, span, events } = await projectWithSpan('large first');
    const large = [...events, ...untraced(100)];
    await race(projectId, [span.traceId], large, events);
    expect(await storedBodies(projectId)).toEqual(bodiesOf(large));
    expect(await inputOf(projectId, span.spanId)).toBe(MESSAGES);
  });

  it('stores each record once when a small batch races a large one carrying its records', async () => {
    const { projectId, span, events } = await projectWithSpan('small first');
    const large = [...events, ...untraced(100)];
    await race(projectId, [span.traceId], events, large);
    expect(await storedBodies(projectId)).toEqual(bodiesOf(large));
    expect(await inputOf(projectId, span.spanId)).toBe(MESSAGES);
  });

  // The second writer's only records in common with the first are outside any trace; its own
  // events, of another span, make it queue behind the held lock too when nothing else stops it.
  it('stores records outside any trace once', async () => {
    const { projectId, span, events } = await projectWithSpan('untraced');
    const other = await spanWithEvents(projectId);
    const lines = untraced(20);
    await race(projectId, [span.traceId, other.span.traceId], [...events, ...lines], [...lines, ...other.events]);
    expect(await storedBodies(projectId)).toEqual(bodiesOf([...events, ...lines, ...other.events]));
    expect(await inputOf(projectId, other.span.spanId)).toBe(MESSAGES);
  });
});
