import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/src/db/database.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { hexId, makeSpan } from './support/span-factory.js';
import { useProjectDatabase } from './support/test-database.js';

describe('writeSpans', () => {
  const t = useProjectDatabase();
  let db: Database;
  let projectId: string;
  beforeAll(() => {
    ({ db, projectId } = t);
  });

  it('stores spans idempotently and keeps the trace summary right across batches', async () => {
    const traceId = hexId(16);
    const root = makeSpan({
      traceId,
      name: 'agent run',
      kind: 'AGENT',
      input: 'What is 2+2?',
      output: '4',
      sessionId: 'session-1',
      tags: ['beta'],
      startTime: new Date('2026-11-21T10:00:00.000Z'),
      endTime: new Date('2026-11-21T10:00:03.000Z'),
    });
    const llm = makeSpan({
      traceId,
      parentSpanId: root.spanId,
      name: 'chat gpt-4o',
      kind: 'LLM',
      model: 'gpt-4o',
      inputTokens: 100,
      outputTokens: 20,
      cost: 0.00045,
      tags: ['beta', 'math'],
      metadata: { tenant: 'acme' },
      startTime: new Date('2026-11-21T10:00:01.000Z'),
      endTime: new Date('2026-11-21T10:00:02.500Z'),
    });
    const failing = makeSpan({ traceId, parentSpanId: root.spanId, name: 'tool', kind: 'TOOL', status: 'ERROR' });

    // The child arrives first, as happens when exporters batch per span processor.
    const first = await writeSpans(db.sql, projectId, [llm]);
    const early = await db.prisma.trace.findFirstOrThrow({ where: { projectId, traceId } });
    expect(early.name).toBe('chat gpt-4o');
    // Each trace comes back with the application its summary names, for live events.
    expect(first).toEqual({
      inserted: 1,
      duplicates: 0,
      traceIds: [traceId],
      traces: [{ traceId, applicationId: early.applicationId }],
    });

    expect(await writeSpans(db.sql, projectId, [root, llm, failing])).toEqual({
      inserted: 2,
      duplicates: 1,
      traceIds: [traceId],
      traces: [{ traceId, applicationId: early.applicationId }],
    });
    const trace = await db.prisma.trace.findFirstOrThrow({ where: { projectId, traceId } });
    expect(trace).toMatchObject({
      name: 'agent run',
      input: 'What is 2+2?',
      output: '4',
      sessionId: 'session-1',
      durationMs: 3000,
      status: 'ERROR',
      spanCount: 3,
      errorCount: 1,
      inputTokens: 100,
      outputTokens: 20,
      totalTokens: 120,
      tags: ['beta', 'math'],
      metadata: { tenant: 'acme' },
      models: ['gpt-4o'],
    });
    expect(Number(trace.cost)).toBeCloseTo(0.00045, 10);
    expect(await db.prisma.span.count({ where: { projectId, traceId } })).toBe(3);

    const apps = await db.prisma.application.findMany({ where: { projectId }, include: { deployments: true } });
    expect(apps).toMatchObject([{ name: 'checkout-agent', deployments: [{ version: '1.0.0', environment: 'production' }] }]);
  });

  it('writes nothing of a batch that fails', async () => {
    const traceId = hexId(16);
    const good = makeSpan({ traceId });
    const bad = makeSpan({ traceId, kind: 'NOT_A_KIND' as never });
    await expect(writeSpans(db.sql, projectId, [good, bad])).rejects.toThrow();
    expect(await db.prisma.span.count({ where: { projectId, traceId } })).toBe(0);
    expect(await db.prisma.trace.count({ where: { projectId, traceId } })).toBe(0);
  });
  it('stores text with tabs, newlines, backslashes, quotes and braces exactly as sent', async () => {
    const traceId = hexId(16);
    const tricky = 'tab\there\nnew line\r\nback\\slash "quoted" {braced} \\N not null ünïcode 🚀';
    const span = makeSpan({
      traceId,
      name: tricky,
      input: tricky,
      output: '',
      statusMessage: '\\',
      cost: 0.0000001,
      tags: ['a,b', '{c}', 'd"e', 'f\\g', ' ', 'NULL'],
      unmappedAttributes: ['x\ty'],
      metadata: { note: tricky },
      attributes: { 'gen_ai.input.messages': JSON.stringify([{ content: tricky }]), nested: { list: [1, 'two', null] } },
      retrievedDocuments: [{ content: tricky }],
      events: [{ name: 'e', time: '2026-11-21T10:00:00.500Z', attributes: { k: tricky } }],
    });
    expect(await writeSpans(db.sql, projectId, [span])).toMatchObject({ inserted: 1 });
    const stored = await db.prisma.span.findFirstOrThrow({ where: { projectId, traceId } });
    expect(stored).toMatchObject({
      name: tricky,
      input: tricky,
      output: '',
      statusMessage: '\\',
      tags: span.tags,
      unmappedAttributes: span.unmappedAttributes,
      metadata: span.metadata,
      attributes: span.attributes,
      retrievedDocuments: span.retrievedDocuments,
      events: span.events,
      durationMs: 1000,
    });
    expect(Number(stored.cost)).toBe(0.0000001);
  });
});
