import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqlSession } from '../server/src/db/sql-client.js';
import { buildAnchoredSample } from '../server/src/evaluation/samples/build-sample.js';
import { MAX_SAMPLE_SPANS } from '../server/src/evaluation/samples/sample-rows.js';
import type { CandidateRef } from '../server/src/evaluation/tasks/eval-runtime.js';
import { loadTaskSamples } from '../server/src/evaluation/tasks/sample-loader.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { hexId, makeSpan } from './support/span-factory.js';
import { useProjectDatabase } from './support/test-database.js';

const T0 = new Date('2026-11-21T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Counts the statements a loader sends, on PGlite and PostgreSQL alike. */
const counting = (sql: SqlSession) => {
  const session = {
    statements: 0,
    query: <Row>(text: string, params?: unknown[]) => {
      session.statements++;
      return sql.query<Row>(text, params);
    },
    exec: (script: string) => sql.exec(script),
    copyFrom: (statement: string, rows: Buffer) => sql.copyFrom(statement, rows),
  };
  return session;
};

describe('task samples read a batch at once', () => {
  const ctx = useProjectDatabase();
  const rich = hexId(16);
  const plain = hexId(16);
  const huge = hexId(16);
  const rowIdOf = new Map<string, string>();

  beforeAll(async () => {
    const root = hexId(8);
    const retriever = hexId(8);
    const tool = hexId(8);
    const spans = [
      makeSpan({
        traceId: rich,
        spanId: root,
        name: 'agent',
        kind: 'AGENT',
        startTime: at(0),
        endTime: at(900),
        input: '{"question": "refund?"}',
        output: 'You get a refund.',
        sessionId: 'session-1',
        userId: 'user-1',
        tags: ['beta'],
        metadata: { plan: 'pro' },
      }),
      makeSpan({
        traceId: rich,
        spanId: hexId(8),
        parentSpanId: root,
        name: 'chat',
        kind: 'LLM',
        model: 'gpt-x',
        startTime: at(10),
        endTime: at(200),
        attributes: {
          'gen_ai.tool.definitions': JSON.stringify([
            { type: 'function', function: { name: 'lookup', description: 'Finds orders', parameters: { type: 'object' } } },
          ]),
        },
      }),
      makeSpan({
        traceId: rich,
        spanId: retriever,
        parentSpanId: root,
        name: 'search',
        kind: 'RETRIEVER',
        startTime: at(210),
        endTime: at(300),
        retrievedDocuments: [{ content: 'Refunds within 30 days.', id: 7, score: 0.9 }, 'plain text doc'],
      }),
      makeSpan({
        traceId: rich,
        spanId: tool,
        parentSpanId: root,
        name: 'lookup',
        kind: 'TOOL',
        toolName: 'lookup',
        toolArguments: '{"order": 42}',
        toolResult: 'not found',
        status: 'ERROR',
        statusMessage: 'no such order',
        startTime: at(310),
        endTime: at(400),
      }),
      makeSpan({ traceId: rich, spanId: hexId(8), parentSpanId: tool, name: 'db', startTime: at(320), endTime: at(330) }),
      makeSpan({ traceId: plain, name: 'plain', startTime: at(1_000), endTime: at(1_100), input: 'hi', output: 'hello' }),
      // Past the spans a sample reads: its trace's sample is cut, the others' are not.
      ...Array.from({ length: MAX_SAMPLE_SPANS + 1 }, (_, i) =>
        makeSpan({ traceId: huge, name: `step ${i}`, startTime: at(2_000 + i), endTime: at(2_001 + i) }),
      ),
    ];
    await writeSpans(ctx.db.sql, ctx.projectId, spans);
    const rows = await ctx.db.prisma.span.findMany({
      where: { projectId: ctx.projectId, traceId: { in: [rich, plain] } },
      select: { id: true, name: true },
    });
    for (const row of rows) rowIdOf.set(row.name, row.id);
  });

  const candidate = (targetType: CandidateRef['targetType'], targetId: string): CandidateRef => ({
    id: randomUUID(),
    targetType,
    targetId,
    traceId: null,
  });

  it('builds every trace of a batch in two statements, as a dry run builds it alone', async () => {
    const batch = [rich, plain, huge, hexId(16)].map((traceId) => candidate('TRACE', traceId));
    const sql = counting(ctx.db.sql);
    const loads = await loadTaskSamples(sql, ctx.projectId, batch);
    expect(sql.statements).toBe(2);
    // The unknown trace is simply missing: the engine records it as gone.
    expect([...loads.keys()]).toEqual(batch.slice(0, 3).map((c) => c.id));
    for (const c of batch.slice(0, 3)) {
      const alone = await buildAnchoredSample(ctx.db.prisma, ctx.projectId, { type: 'trace', traceId: c.targetId });
      expect(loads.get(c.id)).toEqual({ status: 'loaded', sample: alone?.sample, target: alone?.anchor });
    }
    const richSample = loads.get(batch[0]?.id ?? '');
    expect(richSample).toMatchObject({
      status: 'loaded',
      sample: {
        input: { question: 'refund?' },
        context: [{ content: 'Refunds within 30 days.', id: '7', score: 0.9 }, { content: 'plain text doc' }],
        tools: [{ name: 'lookup', description: 'Finds orders', parameters: { type: 'object' } }],
        toolCalls: [{ name: 'lookup', arguments: { order: 42 }, status: 'error', error: 'no such order' }],
        metadata: { plan: 'pro', sessionId: 'session-1', userId: 'user-1', tags: ['beta'] },
      },
    });
    const hugeSample = loads.get(batch[2]?.id ?? '');
    expect(hugeSample?.status === 'loaded' && hugeSample.sample.trajectory).toHaveLength(MAX_SAMPLE_SPANS);
    expect(hugeSample?.status === 'loaded' && hugeSample.sample.metadata).toMatchObject({ spansTruncatedAt: MAX_SAMPLE_SPANS });
  });

  it('builds spans of a batch in two statements, reading a trace once for its spans, as a dry run builds them', async () => {
    const names = ['agent', 'lookup', 'search', 'plain'];
    const batch = [...names.map((name) => candidate('SPAN', rowIdOf.get(name) ?? '')), candidate('SPAN', randomUUID())];
    const sql = counting(ctx.db.sql);
    const loads = await loadTaskSamples(sql, ctx.projectId, batch);
    expect(sql.statements).toBe(2);
    expect(loads.size).toBe(4);
    for (const c of batch.slice(0, 4)) {
      const alone = await buildAnchoredSample(ctx.db.prisma, ctx.projectId, { type: 'span', spanRowId: c.targetId });
      expect(loads.get(c.id)).toEqual({ status: 'loaded', sample: alone?.sample, target: alone?.anchor });
    }
    // A tool span's sample is its subtree: itself and the query under it.
    const lookup = loads.get(batch[1]?.id ?? '');
    expect(lookup?.status === 'loaded' && lookup.sample.trajectory?.map((step) => step.name)).toEqual(['lookup', 'db']);
  });

  it('reads nothing of another project', async () => {
    const org = await ctx.db.prisma.organization.create({ data: { name: 'other' } });
    const other = await ctx.db.prisma.project.create({ data: { name: 'other', organizationId: org.id } });
    const loads = await loadTaskSamples(ctx.db.sql, other.id, [
      candidate('TRACE', rich),
      candidate('SPAN', rowIdOf.get('agent') ?? ''),
    ]);
    expect(loads.size).toBe(0);
  });
});
