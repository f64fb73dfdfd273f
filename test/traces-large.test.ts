import { beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedSpan } from '../server/src/tracing/normalized-span.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { gql } from './support/graphql-client.js';
import { hexId, makeSpan } from './support/span-factory.js';
import { useTestServer } from './support/test-server.js';

const SPAN_COUNT = 10_000;
const FAN_OUT = 10;

describe('span trees', () => {
  const t = useTestServer();
  const traceId = hexId(16);
  const spans: NormalizedSpan[] = [];

  let projectId: string;

  beforeAll(async () => {
    const { prisma, sql } = await t.database.open();
    projectId = (await prisma.project.findFirstOrThrow({ where: { name: 'default' } })).id;
    const start = Date.parse('2026-11-21T09:00:00.000Z');
    // A tree ten wide: span i's parent is span floor((i - 1) / 10), so depth stays around four.
    for (let i = 0; i < SPAN_COUNT; i++) {
      spans.push(
        makeSpan({
          traceId,
          parentSpanId: i === 0 ? null : (spans[Math.floor((i - 1) / FAN_OUT)] as NormalizedSpan).spanId,
          name: `step ${i}`,
          kind: i % 5 === 0 ? 'LLM' : 'CHAIN',
          startTime: new Date(start + i),
          endTime: new Date(start + i + 1000),
        }),
      );
    }
    for (let i = 0; i < spans.length; i += 2_000) await writeSpans(sql, projectId, spans.slice(i, i + 2_000));
  });

  it('serves the whole tree in one request', async () => {
    const res = await gql(
      t.server.url,
      t.server.adminKey,
      `query($id: String!) { trace(traceId: $id) { spanCount
        spans { spanId parentSpanId kind children { spanId } }
        rootSpans { spanId children { spanId children { spanId } } } } }`,
      { id: traceId },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const trace = res.data?.trace;
    expect(trace.spanCount).toBe(SPAN_COUNT);
    expect(trace.spans).toHaveLength(SPAN_COUNT);
    expect(trace.spans.map((s: { spanId: string }) => s.spanId)).toEqual(spans.map((s) => s.spanId));

    const childCount = trace.spans.reduce((sum: number, s: { children: unknown[] }) => sum + s.children.length, 0);
    expect(childCount).toBe(SPAN_COUNT - 1);
    const expectedChildren = (i: number) =>
      spans.slice(i * FAN_OUT + 1, i * FAN_OUT + 1 + FAN_OUT).map((s) => ({ spanId: s.spanId }));
    expect(trace.spans[0].children).toEqual(expectedChildren(0));
    expect(trace.spans[123].children).toEqual(expectedChildren(123));
    expect(trace.spans[SPAN_COUNT - 1].children).toEqual([]);

    expect(trace.rootSpans).toHaveLength(1);
    expect(trace.rootSpans[0].spanId).toBe(spans[0]?.spanId);
    expect(trace.rootSpans[0].children.map((c: { spanId: string }) => c.spanId)).toEqual(
      expectedChildren(0).map((c) => c.spanId),
    );
    expect(trace.rootSpans[0].children[2].children).toEqual(expectedChildren(3));
  });

  it('shows a span whose parent never arrived as an orphan root, with its own children', async () => {
    const orphanTrace = hexId(16);
    const at = (ms: number) => new Date(Date.parse('2026-11-21T11:00:00.000Z') + ms);
    const root = makeSpan({ traceId: orphanTrace, name: 'root', startTime: at(0), endTime: at(100) });
    const child = makeSpan({
      traceId: orphanTrace,
      parentSpanId: root.spanId,
      name: 'child',
      startTime: at(10),
      endTime: at(20),
    });
    const orphan = makeSpan({ traceId: orphanTrace, parentSpanId: hexId(8), name: 'orphan', startTime: at(30), endTime: at(40) });
    const under = makeSpan({
      traceId: orphanTrace,
      parentSpanId: orphan.spanId,
      name: 'under',
      startTime: at(31),
      endTime: at(39),
    });
    const { sql } = await t.database.open();
    await writeSpans(sql, projectId, [under, orphan, child, root]);

    const tree = await gql(
      t.server.url,
      t.server.adminKey,
      'query($id: String!) { trace(traceId: $id) { rootSpan { name } rootSpans { name parentSpanId children { name } } } }',
      { id: orphanTrace },
    );
    expect(tree.errors).toBeUndefined();
    expect(tree.data?.trace).toEqual({
      rootSpan: { name: 'root' },
      rootSpans: [
        { name: 'root', parentSpanId: null, children: [{ name: 'child' }] },
        { name: 'orphan', parentSpanId: orphan.parentSpanId, children: [{ name: 'under' }] },
      ],
    });
    // Spans reached through the (newest-first) span list, with no trace loaded, batch their children.
    const listed = await gql(
      t.server.url,
      t.server.adminKey,
      'query($id: String!) { spans(filter: { traceId: $id }) { edges { node { name children { name } trace { traceId } } } } }',
      { id: orphanTrace },
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.spans.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { name: 'under', children: [], trace: { traceId: orphanTrace } },
      { name: 'orphan', children: [{ name: 'under' }], trace: { traceId: orphanTrace } },
      { name: 'child', children: [], trace: { traceId: orphanTrace } },
      { name: 'root', children: [{ name: 'child' }], trace: { traceId: orphanTrace } },
    ]);
  });
});
