import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/src/db/database.js';
import type { NormalizedSpan } from '../server/src/tracing/normalized-span.js';
import { refreshTraces } from '../server/src/tracing/refresh-traces.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { hexId, makeSpan } from './support/span-factory.js';
import { useProjectDatabase } from './support/test-database.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 21, 10, 0, 0) + seconds * 1000);

// Everything a summary holds except updatedAt, which a recompute moves on.
const summaryOf = async (db: Database, projectId: string, traceId: string) => {
  const { updatedAt: _u, id: _i, ...summary } = await db.prisma.trace.findFirstOrThrow({ where: { projectId, traceId } });
  return { ...summary, cost: summary.cost === null ? null : summary.cost.toString() };
};

/** A trace that exercises every field of the summary, including ties and keys several spans set. */
const busyTrace = (traceId: string): NormalizedSpan[] => {
  const root = makeSpan({
    traceId,
    spanId: 'a000000000000001',
    name: 'agent run',
    kind: 'AGENT',
    userId: 'user-root',
    tags: ['zeta', 'alpha'],
    // An own key named __proto__, as ingestion keeps it.
    metadata: { tenant: 'root', ['__proto__']: 'kept' },
    startTime: at(1),
    endTime: at(9),
    status: 'OK',
  });
  const child = (spanId: string, overrides: Partial<NormalizedSpan>) =>
    makeSpan({ traceId, spanId, parentSpanId: root.spanId, startTime: at(2), endTime: at(3), ...overrides });
  return [
    // Children first: the root is found wherever it sits in the batch.
    child('f000000000000002', { name: 'late input', input: 'later', startTime: at(4), endTime: at(5), sessionId: 's-late' }),
    // Same start time: the lower span id wins the tie.
    child('c000000000000003', { name: 'tie high', input: 'tie high', output: 'out high', sessionId: 's-high' }),
    child('b000000000000004', { name: 'tie low', input: 'tie low', sessionId: 's-low', metadata: { tenant: 'low', a: 1 } }),
    child('d000000000000005', {
      kind: 'LLM',
      model: 'gpt-4o',
      inputTokens: 100,
      outputTokens: 20,
      totalTokens: null,
      cost: 0.00045,
      tags: ['alpha', 'beta'],
      metadata: { tenant: 'high', nested: { list: [1, 'two', null] } },
      startTime: at(0.5),
    }),
    child('e000000000000006', {
      kind: 'EMBEDDING',
      model: 'text-embedding-3-small',
      inputTokens: 7,
      totalTokens: 7,
      cost: 0.0000001234567891,
      status: 'ERROR',
      endTime: at(12),
    }),
    // A wrapping chain repeats the usage: its tokens do not count (its model and cost do).
    child('9000000000000007', { kind: 'CHAIN', model: 'gpt-4o', inputTokens: 100, outputTokens: 20, cost: 1 }),
    child('8000000000000008', { kind: 'TOOL', status: 'ERROR', statusMessage: 'boom' }),
    root,
  ];
};

describe('trace summaries written from the batch', () => {
  const t = useProjectDatabase();
  let db: Database;
  let projectId: string;
  beforeAll(() => {
    ({ db, projectId } = t);
  });

  // The batch path must store exactly what recomputing from the stored spans stores.
  const expectSameAsRecompute = async (traceIds: string[]) => {
    for (const traceId of traceIds) {
      const fromBatch = await summaryOf(db, projectId, traceId);
      await db.sql.transaction((tx) => refreshTraces(tx, projectId, [traceId]));
      expect(fromBatch, traceId).toEqual(await summaryOf(db, projectId, traceId));
    }
  };

  it('equals a recompute from the stored spans for every field', async () => {
    const traceId = hexId(16);
    await writeSpans(db.sql, projectId, busyTrace(traceId));
    expect(await summaryOf(db, projectId, traceId)).toMatchObject({
      name: 'agent run',
      sessionId: 's-low',
      userId: 'user-root',
      input: 'tie low',
      output: 'out high',
      status: 'ERROR',
      spanCount: 8,
      errorCount: 2,
      inputTokens: 107,
      outputTokens: 20,
      totalTokens: 127,
      tags: ['alpha', 'beta', 'zeta'],
      // Several spans set tenant: the last by span id wins.
      metadata: { tenant: 'high', a: 1, nested: { list: [1, 'two', null] }, ['__proto__']: 'kept' },
      models: ['gpt-4o', 'text-embedding-3-small'],
      durationMs: 11_500,
    });
    await expectSameAsRecompute([traceId]);
  });

  it('equals a recompute for traces without a root, with two roots, and with nothing to add up', async () => {
    const orphans = hexId(16);
    const twoRoots = hexId(16);
    const bare = hexId(16);
    const spans = [
      makeSpan({ traceId: orphans, parentSpanId: hexId(8), name: 'second', startTime: at(2), endTime: at(3), status: 'OK' }),
      makeSpan({ traceId: orphans, parentSpanId: hexId(8), name: 'first', startTime: at(1), endTime: at(1.5) }),
      makeSpan({ traceId: twoRoots, name: 'later root', startTime: at(3), endTime: at(4) }),
      makeSpan({ traceId: twoRoots, name: 'earlier root', startTime: at(2), endTime: at(4) }),
      makeSpan({ traceId: bare }),
    ];
    await writeSpans(db.sql, projectId, spans);
    expect(await summaryOf(db, projectId, orphans)).toMatchObject({ name: 'first', status: 'OK', spanCount: 2 });
    expect(await summaryOf(db, projectId, twoRoots)).toMatchObject({ name: 'earlier root' });
    expect(await summaryOf(db, projectId, bare)).toMatchObject({ cost: null, tags: [], models: [], metadata: {} });
    await expectSameAsRecompute([orphans, twoRoots, bare]);
  });

  it('stores lone surrogates as the spans store them (U+FFFD), not refusing the batch', async () => {
    const traceId = hexId(16);
    const odd = 'lone \ud800 surrogate';
    const span = makeSpan({
      traceId,
      name: odd,
      input: odd,
      output: odd,
      sessionId: odd,
      userId: odd,
      tags: [odd],
      model: odd,
      // JSON columns too: PostgreSQL refuses a lone surrogate escape in json, which failed the batch.
      metadata: { [odd]: odd },
      attributes: { 'gen_ai.prompt': odd },
    });
    await writeSpans(db.sql, projectId, [span]);
    const fixed = 'lone \ufffd surrogate';
    expect(await summaryOf(db, projectId, traceId)).toMatchObject({ name: fixed, tags: [fixed], metadata: { [fixed]: fixed } });
    await expectSameAsRecompute([traceId]);
    // A retried export takes the other write path (skipping duplicates), which must take it too.
    const retried = { ...span, spanId: hexId(8), parentSpanId: span.spanId };
    expect(await writeSpans(db.sql, projectId, [span, retried])).toMatchObject({ inserted: 1, duplicates: 1 });
    const stored = await db.prisma.span.findFirstOrThrow({ where: { projectId, traceId, spanId: retried.spanId } });
    expect(stored).toMatchObject({ name: fixed, metadata: { [fixed]: fixed } });
  });

  it('counts the spans stored earlier when a trace continues in a later export', async () => {
    const traceId = hexId(16);
    const [first, ...rest] = busyTrace(traceId);
    await writeSpans(db.sql, projectId, [first as NormalizedSpan]);
    // No duplicates: the batch is copied, and the trace's earlier span must still be counted.
    expect(await writeSpans(db.sql, projectId, rest)).toMatchObject({ inserted: 7, duplicates: 0 });
    expect(await summaryOf(db, projectId, traceId)).toMatchObject({ name: 'agent run', spanCount: 8, input: 'tie low' });
    await expectSameAsRecompute([traceId]);
  });

  it('counts spans whose trace row is gone (as retention left them when it deleted traces and spans by their own start times)', async () => {
    const traceId = hexId(16);
    const [first, ...rest] = busyTrace(traceId);
    await writeSpans(db.sql, projectId, rest);
    await db.prisma.trace.deleteMany({ where: { projectId, traceId } });
    await writeSpans(db.sql, projectId, [first as NormalizedSpan]);
    expect(await summaryOf(db, projectId, traceId)).toMatchObject({ spanCount: 8, name: 'agent run' });
    await expectSameAsRecompute([traceId]);
  });
});
