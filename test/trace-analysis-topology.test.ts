import { beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { createKeyVia, createProjectVia, errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { type CallSeed, percentileCont, spansOf, type TraceSeed } from './support/metrics-seed.js';
import { makeSpan } from './support/span-factory.js';
import { useTestServer } from './support/test-server.js';

const FROM = '2026-11-21T10:00:00.000Z';
const TO = '2026-11-21T11:00:00.000Z';

/** Each call with the node the topology should attribute it to. */
const checkoutCalls: { target: string; call: CallSeed }[] = [
  { target: 'MODEL:gpt-4o', call: { kind: 'LLM', model: 'gpt-4o', durationMs: 800 } },
  { target: 'TOOL:lookup', call: { kind: 'TOOL', toolName: 'lookup', name: 'execute_tool lookup', durationMs: 300 } },
  {
    target: 'SERVICE:postgresql',
    call: { kind: 'UNKNOWN', name: 'SELECT orders', durationMs: 50, attributes: { 'db.system': 'postgresql' } },
  },
  {
    target: 'SERVICE:payments',
    call: {
      kind: 'UNKNOWN',
      name: 'POST /charge',
      durationMs: 200,
      status: 'ERROR',
      attributes: { 'peer.service': 'payments', 'server.address': 'payments.internal' },
    },
  },
];
const laterCalls: { target: string; call: CallSeed }[] = [
  { target: 'MODEL:gpt-4o', call: { kind: 'LLM', model: 'gpt-4o', durationMs: 1200, status: 'ERROR' } },
  { target: 'RETRIEVER:vector search', call: { kind: 'RETRIEVER', name: 'vector search', durationMs: 400 } },
  // A chain calls nothing by itself: no edge.
  { target: '', call: { kind: 'CHAIN', name: 'plan', durationMs: 20 } },
];

const first: TraceSeed = {
  app: 'checkout-agent',
  start: '2026-11-21T10:05:00.000Z',
  durationMs: 3000,
  calls: checkoutCalls.map((c) => c.call),
};
const second: TraceSeed = {
  app: 'checkout-agent',
  start: '2026-11-21T10:20:00.000Z',
  durationMs: 3000,
  calls: laterCalls.map((c) => c.call),
};
const outside: TraceSeed = {
  app: 'checkout-agent',
  start: '2026-11-21T11:30:00.000Z',
  durationMs: 100,
  calls: [{ kind: 'LLM', model: 'gpt-old', durationMs: 50 }],
};

describe('topology', () => {
  const t = useTestServer();
  const appIds = new Map<string, string>();

  beforeAll(async () => {
    const { prisma, sql } = await t.database.open();
    const project = await prisma.project.findFirstOrThrow({ where: { name: 'default' } });
    const firstSpans = spansOf(first);
    const root = firstSpans[0] as ReturnType<typeof makeSpan>;
    // search-agent serves a request of checkout-agent inside the same trace, and embeds a query.
    const remote = makeSpan({
      traceId: root.traceId,
      parentSpanId: root.spanId,
      serviceName: 'search-agent',
      name: 'search',
      kind: 'CHAIN',
      startTime: new Date('2026-11-21T10:05:01.000Z'),
      endTime: new Date('2026-11-21T10:05:01.250Z'),
    });
    const embed = makeSpan({
      traceId: root.traceId,
      parentSpanId: remote.spanId,
      serviceName: 'search-agent',
      name: 'embeddings',
      kind: 'EMBEDDING',
      model: 'text-embedding-3-small',
      startTime: new Date('2026-11-21T10:05:01.010Z'),
      endTime: new Date('2026-11-21T10:05:01.100Z'),
    });
    await writeSpans(sql, project.id, [...firstSpans, remote, embed, ...spansOf(second), ...spansOf(outside)]);
    for (const app of await prisma.application.findMany({ where: { projectId: project.id } })) appIds.set(app.name, app.id);
  });

  const TOPOLOGY = `query($from: DateTime!, $to: DateTime!) { topology(from: $from, to: $to) {
    nodes { id type name calls } edges { source target calls errors errorRate latencyP50Ms latencyP95Ms } } }`;

  it('draws applications → models, tools, retrievers, services and other applications, with stats per edge', async () => {
    const res = await gql(t.server.url, t.server.adminKey, TOPOLOGY, { from: FROM, to: TO });
    expect(res.errors).toBeUndefined();
    const checkout = encodeGlobalId('Application', appIds.get('checkout-agent') as string);
    const search = encodeGlobalId('Application', appIds.get('search-agent') as string);

    const expectedEdges = new Map<string, { source: string; target: string; durations: number[]; errors: number }>();
    const add = (source: string, target: string, call: CallSeed) => {
      const edge = expectedEdges.get(`${source}>${target}`) ?? { source, target, durations: [], errors: 0 };
      edge.durations.push(call.durationMs);
      edge.errors += call.status === 'ERROR' ? 1 : 0;
      expectedEdges.set(`${source}>${target}`, edge);
    };
    for (const { target, call } of [...checkoutCalls, ...laterCalls]) if (target) add(checkout, target, call);
    add(checkout, search, { kind: 'CHAIN', durationMs: 250 });
    add(search, 'MODEL:text-embedding-3-small', { kind: 'EMBEDDING', durationMs: 90 });

    const edges = res.data?.topology.edges ?? [];
    expect(edges.map((e: { source: string; target: string }) => `${e.source}>${e.target}`).sort()).toEqual(
      [...expectedEdges.keys()].sort(),
    );
    for (const edge of edges) {
      const want = expectedEdges.get(`${edge.source}>${edge.target}`);
      if (!want) throw new Error(`unexpected edge ${edge.source}>${edge.target}`);
      expect(edge.calls).toBe(want.durations.length);
      expect(edge.errors).toBe(want.errors);
      expect(edge.errorRate).toBeCloseTo(want.errors / want.durations.length, 9);
      expect(edge.latencyP50Ms).toBeCloseTo(percentileCont(want.durations, 0.5) as number, 6);
      expect(edge.latencyP95Ms).toBeCloseTo(percentileCont(want.durations, 0.95) as number, 6);
    }
    // Busiest edge first.
    expect(edges[0]).toMatchObject({ source: checkout, target: 'MODEL:gpt-4o', calls: 2, errors: 1 });

    const nodes = Object.fromEntries(res.data?.topology.nodes.map((n: { id: string }) => [n.id, n]) ?? []);
    expect(nodes[checkout]).toEqual({ id: checkout, type: 'APPLICATION', name: 'checkout-agent', calls: 2 });
    // search-agent starts no trace of its own: it only serves checkout-agent's.
    expect(nodes[search]).toEqual({ id: search, type: 'APPLICATION', name: 'search-agent', calls: 0 });
    expect(nodes['MODEL:gpt-4o']).toEqual({ id: 'MODEL:gpt-4o', type: 'MODEL', name: 'gpt-4o', calls: 2 });
    expect(nodes['SERVICE:payments']).toMatchObject({ type: 'SERVICE', name: 'payments', calls: 1 });
    expect(nodes['RETRIEVER:vector search']).toMatchObject({ type: 'RETRIEVER', calls: 1 });
    expect(nodes['TOOL:lookup']).toMatchObject({ type: 'TOOL', calls: 1 });
    expect(nodes['MODEL:gpt-old']).toBeUndefined();
    expect(Object.keys(nodes)).toHaveLength(2 + new Set([...expectedEdges.values()].map((e) => e.target)).size - 1);
  });

  it('draws a model call that got no answer to the model it requested', async () => {
    const { prisma, sql } = await t.database.open();
    const project = await prisma.project.findFirstOrThrow({ where: { name: 'default' } });
    // After the other tests' range, so their graph stays as it was.
    const [root] = spansOf({ app: 'checkout-agent', start: '2026-11-21T12:00:00.000Z', durationMs: 5000 });
    const call = (model: string | null, requestModel: string, status: 'OK' | 'ERROR') =>
      makeSpan({
        traceId: root?.traceId,
        parentSpanId: root?.spanId,
        serviceName: 'checkout-agent',
        name: 'chat',
        kind: 'LLM',
        model,
        requestModel,
        status,
        startTime: new Date('2026-11-21T12:00:01.000Z'),
        endTime: new Date('2026-11-21T12:00:02.000Z'),
      });
    await writeSpans(sql, project.id, [
      root as ReturnType<typeof makeSpan>,
      call(null, 'claude-3-5-sonnet', 'ERROR'),
      // The model that answered names the node when there is one.
      call('gpt-4o-2024-08-06', 'gpt-4o', 'OK'),
    ]);
    const res = await gql(t.server.url, t.server.adminKey, TOPOLOGY, {
      from: '2026-11-21T12:00:00.000Z',
      to: '2026-11-21T13:00:00.000Z',
    });
    expect(res.errors).toBeUndefined();
    const checkout = encodeGlobalId('Application', appIds.get('checkout-agent') as string);
    expect(
      res.data?.topology.edges.map((e: { source: string; target: string; calls: number; errors: number }) => [
        e.source,
        e.target,
        e.calls,
        e.errors,
      ]),
    ).toEqual([
      [checkout, 'MODEL:claude-3-5-sonnet', 1, 1],
      [checkout, 'MODEL:gpt-4o-2024-08-06', 1, 0],
    ]);
  });

  it('refuses a reversed range', async () => {
    const res = await gql(t.server.url, t.server.adminKey, TOPOLOGY, { from: TO, to: FROM });
    expect(errorCodes(res)).toEqual(['INVALID_INPUT']);
  });

  it("shows another project's key an empty graph", async () => {
    const project = await createProjectVia(t.server.url, t.server.adminKey, 'topology-other');
    const { secret } = await createKeyVia(t.server.url, t.server.adminKey, { project, role: 'viewer' });
    const res = await gql(t.server.url, secret, TOPOLOGY, { from: FROM, to: TO });
    expect(res.errors).toBeUndefined();
    expect(res.data?.topology).toEqual({ nodes: [], edges: [] });
  });
});
