import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyVia, createProjectVia, errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';
import { SEED_BASE, type SeedTrace, seedTrace, seedTraces, writeSeed } from './support/trace-seed.js';

const TRACE_FIELDS = `id traceId name durationMs status hasError sessionId userId inputTokens outputTokens totalTokens cost
  spanCount errorCount tags metadata models startTime application { id name } deployment { version environment }`;

describe('traces read side', () => {
  const t = useTestServer();
  const seed = seedTraces(12);
  let foreign: SeedTrace;
  let keyB: string;
  let applicationIds: Record<string, string>;

  const query = (q: string, variables?: Record<string, unknown>, key = t.server.adminKey) => gql(t.server.url, key, q, variables);

  const traceIds = async (variables: Record<string, unknown>) => {
    const res = await query(
      `query($filter: TraceFilter, $orderBy: TraceOrder, $first: Int) {
        traces(filter: $filter, orderBy: $orderBy, first: $first) { totalCount edges { node { traceId } } } }`,
      { first: 100, ...variables },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data?.traces.totalCount).toBe(res.data?.traces.edges.length);
    return ((res.data?.traces.edges ?? []) as { node: { traceId: string } }[]).map((e) => e.node.traceId).sort();
  };
  const expectIds = (predicate: (trace: SeedTrace) => boolean) =>
    seed
      .filter(predicate)
      .map((trace) => trace.traceId)
      .sort();

  beforeAll(async () => {
    const { prisma, sql } = await t.database.open();
    const projectA = (await prisma.project.findFirstOrThrow({ where: { name: 'default' } })).id;
    await writeSeed(sql, projectA, seed);

    const projectBGlobalId = await createProjectVia(t.server.url, t.server.adminKey, 'project b');
    const projectB = await prisma.project.findFirstOrThrow({ where: { name: 'project b' } });
    keyB = (await createKeyVia(t.server.url, t.server.adminKey, { project: projectBGlobalId, role: 'viewer' })).secret;
    foreign = seedTrace(0);
    await writeSeed(sql, projectB.id, [foreign]);

    const apps = await query('{ applications { edges { node { id name } } } }');
    applicationIds = Object.fromEntries(
      ((apps.data?.applications.edges ?? []) as { node: { id: string; name: string } }[]).map((e) => [e.node.name, e.node.id]),
    );
  });

  it('lists applications with their deployments', async () => {
    const res = await query(`{ applications { totalCount edges { node { name
      deployments { totalCount edges { node { version environment application { name } } } } } } } }`);
    expect(res.errors).toBeUndefined();
    const deploymentsOf = (name: string) =>
      [...new Set(seed.filter((s) => s.application === name).map((s) => `${s.version}/${s.environment}`))].sort();
    expect(res.data?.applications.totalCount).toBe(2);
    const apps = res.data?.applications.edges.map((e: any) => ({
      name: e.node.name,
      deployments: e.node.deployments.edges.map((d: any) => `${d.node.version}/${d.node.environment}`).sort(),
      owners: [...new Set(e.node.deployments.edges.map((d: any) => d.node.application.name))],
    }));
    expect(apps).toEqual([
      { name: 'checkout-agent', deployments: deploymentsOf('checkout-agent'), owners: ['checkout-agent'] },
      { name: 'support-bot', deployments: deploymentsOf('support-bot'), owners: ['support-bot'] },
    ]);
  });

  it('filters traces by every field, alone and combined', async () => {
    const deployments = await query(`{ applications { edges { node { name deployments { edges { node { id version } } } } } } }`);
    const staging = deployments.data?.applications.edges
      .flatMap((e: any) => e.node.deployments.edges.map((d: any) => d.node))
      .find((d: any) => d.version === '2.0.0').id;
    const minute = (n: number) => new Date(SEED_BASE.getTime() + n * 60_000).toISOString();

    expect(await traceIds({})).toEqual(expectIds(() => true));
    expect(await traceIds({ filter: { application: applicationIds['support-bot'] } })).toEqual(
      expectIds((s) => s.application === 'support-bot'),
    );
    expect(await traceIds({ filter: { deployment: staging } })).toEqual(expectIds((s) => s.version === '2.0.0'));
    expect(await traceIds({ filter: { from: minute(3), to: minute(7) } })).toEqual(
      expectIds((s) => s.start.toISOString() >= minute(3) && s.start.toISOString() < minute(7)),
    );
    expect(await traceIds({ filter: { status: 'ERROR' } })).toEqual(expectIds((s) => s.error));
    expect(await traceIds({ filter: { status: 'OK' } })).toEqual(expectIds((s) => !s.error));
    expect(await traceIds({ filter: { hasError: true } })).toEqual(expectIds((s) => s.error));
    expect(await traceIds({ filter: { hasError: false } })).toEqual(expectIds((s) => !s.error));
    expect(await traceIds({ filter: { minLatencyMs: 300, maxLatencyMs: 500 } })).toEqual(
      expectIds((s) => s.durationMs >= 300 && s.durationMs <= 500),
    );
    expect(await traceIds({ filter: { sessionId: 'session-1' } })).toEqual(expectIds((s) => s.sessionId === 'session-1'));
    expect(await traceIds({ filter: { userId: 'user-2' } })).toEqual(expectIds((s) => s.userId === 'user-2'));
    expect(await traceIds({ filter: { tags: ['beta', 'vip'] } })).toEqual(expectIds((s) => s.tags.includes('vip')));
    expect(await traceIds({ filter: { tags: ['beta'] } })).toEqual(expectIds(() => true));
    expect(await traceIds({ filter: { metadata: [{ key: 'tenant', value: 'acme' }] } })).toEqual(
      expectIds((s) => s.metadata.tenant === 'acme'),
    );
    expect(await traceIds({ filter: { model: 'gpt-4o' } })).toEqual(expectIds((s) => s.model === 'gpt-4o'));
    // Pattern characters in the text are literal: only the trace that really contains "50%_off".
    expect(await traceIds({ filter: { text: '50%_off' } })).toEqual(expectIds((s) => s.input.includes('50%_off')));
    expect(await traceIds({ filter: { text: '%' } })).toEqual(expectIds((s) => s.input.includes('%')));
    expect(await traceIds({ filter: { text: 'ANSWER NUMBER 1' } })).toEqual(
      expectIds((s) => s.output.startsWith('Answer number 1')),
    );
    expect(
      await traceIds({ filter: { application: applicationIds['checkout-agent'], hasError: false, model: 'claude-3-5-sonnet' } }),
    ).toEqual(expectIds((s) => s.application === 'checkout-agent' && !s.error && s.model === 'claude-3-5-sonnet'));
  });

  it('sorts by start time, latency, tokens and cost and pages with stable cursors', async () => {
    const sortValue = {
      START_TIME: (s: SeedTrace) => s.start.getTime(),
      LATENCY: (s: SeedTrace) => s.durationMs,
      TOKENS: (s: SeedTrace) => s.inputTokens + s.outputTokens,
      COST: (s: SeedTrace) => s.cost,
    } as const;
    const returned = {
      START_TIME: (n: any) => Date.parse(n.startTime),
      LATENCY: (n: any) => n.durationMs,
      TOKENS: (n: any) => n.totalTokens,
      COST: (n: any) => n.cost,
    } as const;
    for (const field of ['START_TIME', 'LATENCY', 'TOKENS', 'COST'] as const) {
      for (const direction of ['ASC', 'DESC'] as const) {
        const values: number[] = [];
        const seen: string[] = [];
        let after: string | null = null;
        for (let pages = 0; pages < 10; pages++) {
          const res: any = await query(
            `query($orderBy: TraceOrder, $after: String) { traces(orderBy: $orderBy, first: 5, after: $after) {
              pageInfo { hasNextPage endCursor } edges { cursor node { traceId startTime durationMs totalTokens cost } } } }`,
            { orderBy: { field, direction }, after },
          );
          expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
          for (const edge of res.data.traces.edges) {
            values.push(returned[field](edge.node));
            seen.push(edge.node.traceId);
          }
          if (!res.data.traces.pageInfo.hasNextPage) break;
          after = res.data.traces.pageInfo.endCursor;
        }
        const expected = seed.map(sortValue[field]).sort((a, b) => (direction === 'ASC' ? a - b : b - a));
        expect(
          values.map((v) => +v.toFixed(9)),
          `${field} ${direction}`,
        ).toEqual(expected.map((v) => +v.toFixed(9)));
        expect(new Set(seen).size).toBe(seed.length);
      }
    }
  });

  it("shows each listed trace's root span", async () => {
    const res = await query('{ traces(first: 100) { edges { node { traceId rootSpan { spanId name kind parentSpanId } } } } }');
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const roots = Object.fromEntries((res.data?.traces.edges ?? []).map((e: any) => [e.node.traceId, e.node.rootSpan]));
    for (const trace of seed) {
      const root = trace.spans[0];
      expect(roots[trace.traceId]).toEqual({ spanId: root?.spanId, name: root?.name, kind: 'AGENT', parentSpanId: null });
    }
  });

  it('refuses bad input with INVALID_INPUT', async () => {
    const bad = async (variables: Record<string, unknown>) => {
      const res = await query(
        `query($filter: TraceFilter, $first: Int, $after: String, $orderBy: TraceOrder) {
          traces(filter: $filter, first: $first, after: $after, orderBy: $orderBy) { edges { cursor } } }`,
        variables,
      );
      return errorCodes(res);
    };
    expect(await bad({ filter: { from: '2026-11-21T10:00:00Z', to: '2026-11-21T09:00:00Z' } })).toEqual(['INVALID_INPUT']);
    expect(await bad({ first: 101 })).toEqual(['INVALID_INPUT']);
    expect(await bad({ first: -1 })).toEqual(['INVALID_INPUT']);
    const backwards = await query('{ traces(last: 5) { edges { cursor } } }');
    expect(errorCodes(backwards)).toEqual(['INVALID_INPUT']);
    expect(backwards.errors?.[0]?.message).toContain('page forward with first/after');
    expect(await bad({ filter: { minLatencyMs: -1 } })).toEqual(['INVALID_INPUT']);
    expect(await bad({ filter: { minLatencyMs: 500, maxLatencyMs: 100 } })).toEqual(['INVALID_INPUT']);
    expect(await bad({ after: 'not-a-cursor' })).toEqual(['INVALID_INPUT']);
    expect(
      await bad({ filter: { application: applicationIds['support-bot']?.replace(/^QXBwbGljYXRpb24/, 'RGVwbG95bWVudA') } }),
    ).toEqual(['INVALID_INPUT']);
    // A cursor of one order is not a position in another.
    const first = await query('{ traces(first: 1) { pageInfo { endCursor } } }');
    expect(await bad({ after: first.data?.traces.pageInfo.endCursor, orderBy: { field: 'COST', direction: 'ASC' } })).toEqual([
      'INVALID_INPUT',
    ]);
    const enumRes = await query('{ traces(filter: { status: BROKEN }) { edges { cursor } } }');
    expect(enumRes.errors?.length).toBeGreaterThan(0);
    const traceRes = await query('{ trace(traceId: "xyz") { id } }');
    expect(errorCodes(traceRes)).toEqual(['INVALID_INPUT']);
    expect(traceRes.errors?.[0]?.extensions?.issues).toEqual([{ path: 'traceId', message: 'must be 32 hex digits' }]);
  });

  it('serves a trace with its span tree, by trace id and by node id', async () => {
    const trace = seed[3] as SeedTrace;
    const res = await query(
      `query($id: String!) { trace(traceId: $id) { ${TRACE_FIELDS}
        spans { id spanId parentSpanId name kind durationMs status statusMessage model inputTokens outputTokens cost input output
          toolName toolArguments toolResult retrievedDocuments events { name time attributes } attributes convention unmappedAttributes
          children { spanId } trace { traceId } application { name } }
        rootSpans { spanId children { spanId kind } } } }`,
      { id: trace.traceId.toUpperCase() },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const got = res.data?.trace;
    expect(got).toMatchObject({
      traceId: trace.traceId,
      name: 'agent run 3',
      durationMs: trace.durationMs,
      status: 'ERROR',
      hasError: true,
      sessionId: trace.sessionId,
      userId: trace.userId,
      inputTokens: trace.inputTokens,
      outputTokens: trace.outputTokens,
      totalTokens: trace.inputTokens + trace.outputTokens,
      spanCount: 4,
      errorCount: 1,
      tags: trace.tags,
      metadata: trace.metadata,
      models: [trace.model],
      application: { name: trace.application },
      deployment: { version: trace.version, environment: trace.environment },
    });
    expect(got.cost).toBeCloseTo(trace.cost, 9);
    const [root, retriever, llm, tool] = trace.spans.map((span) => span.spanId);
    expect(got.spans.map((s: any) => s.spanId)).toEqual([root, retriever, llm, tool]);
    expect(got.spans.map((s: any) => s.parentSpanId)).toEqual([null, root, root, root]);
    expect(got.spans[0].children.map((c: any) => c.spanId)).toEqual([retriever, llm, tool]);
    expect(got.rootSpans).toEqual([
      {
        spanId: root,
        children: [
          { spanId: retriever, kind: 'RETRIEVER' },
          { spanId: llm, kind: 'LLM' },
          { spanId: tool, kind: 'TOOL' },
        ],
      },
    ]);
    const llmSpan = got.spans[2];
    expect(llmSpan).toMatchObject({
      kind: 'LLM',
      model: trace.model,
      inputTokens: trace.inputTokens,
      outputTokens: trace.outputTokens,
      durationMs: 40,
      input: trace.input,
      convention: 'genai',
      unmappedAttributes: ['vendor.custom'],
      attributes: { 'gen_ai.request.model': trace.model, 'vendor.custom': 1 },
      events: [{ name: 'gen_ai.choice', time: new Date(trace.start.getTime() + 60).toISOString(), attributes: { index: 0 } }],
      children: [],
      trace: { traceId: trace.traceId },
      application: { name: trace.application },
    });
    expect(got.spans[1].retrievedDocuments).toEqual([{ id: 'doc-3', score: 0.9, content: 'refund policy' }]);
    expect(got.spans[3]).toMatchObject({
      kind: 'TOOL',
      status: 'ERROR',
      statusMessage: 'order service timed out',
      toolName: 'refund',
      toolArguments: '{"order":3}',
      toolResult: null,
    });

    const nodes = await query('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Trace { traceId } ... on Span { spanId } } }', {
      ids: [got.id, llmSpan.id],
    });
    expect(nodes.data?.nodes).toEqual([
      { id: got.id, traceId: trace.traceId },
      { id: llmSpan.id, spanId: llm },
    ]);
  });

  it('lists spans across traces, filtered by kind, model, tool, status, application and time', async () => {
    const allSpans = seed.flatMap((trace) => trace.spans.map((span) => ({ ...span, application: trace.application })));
    type SeedSpan = (typeof allSpans)[number];
    const spanIds = async (filter: Record<string, unknown>) => {
      const ids: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let pages = 0; pages < 20; pages++) {
        const res: any = await query(
          `query($filter: SpanFilter, $after: String) { spans(filter: $filter, first: 7, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { spanId startTime } } } }`,
          { filter, after },
        );
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        total = res.data.spans.totalCount;
        const starts = res.data.spans.edges.map((e: any) => Date.parse(e.node.startTime));
        expect(starts).toEqual([...starts].sort((a, b) => b - a));
        ids.push(...res.data.spans.edges.map((e: any) => e.node.spanId));
        if (!res.data.spans.pageInfo.hasNextPage) break;
        after = res.data.spans.pageInfo.endCursor;
      }
      expect(total).toBe(ids.length);
      return ids.sort();
    };
    const expectSpans = (predicate: (span: SeedSpan) => boolean) =>
      allSpans
        .filter(predicate)
        .map((span) => span.spanId)
        .sort();

    expect(await spanIds({})).toEqual(expectSpans(() => true));
    expect(await spanIds({ kind: ['LLM'] })).toEqual(expectSpans((s) => s.kind === 'LLM'));
    expect(await spanIds({ kind: ['TOOL', 'RETRIEVER'] })).toEqual(
      expectSpans((s) => s.kind === 'TOOL' || s.kind === 'RETRIEVER'),
    );
    expect(await spanIds({ model: 'gpt-4o' })).toEqual(expectSpans((s) => s.model === 'gpt-4o'));
    expect(await spanIds({ toolName: 'refund' })).toEqual(expectSpans((s) => s.toolName === 'refund'));
    expect(await spanIds({ status: 'ERROR' })).toEqual(expectSpans((s) => s.status === 'ERROR'));
    expect(await spanIds({ application: applicationIds['support-bot'] })).toEqual(
      expectSpans((s) => s.application === 'support-bot'),
    );
    const from = new Date(SEED_BASE.getTime() + 4 * 60_000);
    const to = new Date(SEED_BASE.getTime() + 6 * 60_000);
    expect(await spanIds({ from: from.toISOString(), to: to.toISOString(), kind: ['AGENT', 'LLM'] })).toEqual(
      expectSpans((s) => s.startTime >= from && s.startTime < to && (s.kind === 'AGENT' || s.kind === 'LLM')),
    );
    expect(await spanIds({ traceId: seed[2]?.traceId })).toEqual(expectSpans((s) => s.traceId === seed[2]?.traceId));

    const bad = await query('{ spans(first: 500) { edges { cursor } } }');
    expect(errorCodes(bad)).toEqual(['INVALID_INPUT']);
    const foreignSpans = await query('{ spans { totalCount edges { node { spanId } } } }', {}, keyB);
    expect(foreignSpans.data?.spans.edges.map((e: any) => e.node.spanId).sort()).toEqual(
      foreign.spans.map((span) => span.spanId).sort(),
    );
  });

  it("keeps each project's traces to itself", async () => {
    const own = await query('query($id: String!) { trace(traceId: $id) { id traceId } }', { id: foreign.traceId }, keyB);
    expect(own.data?.trace.traceId).toBe(foreign.traceId);
    const spanIds = await query('query($id: String!) { trace(traceId: $id) { spans { id } } }', { id: foreign.traceId }, keyB);
    const foreignIds = [own.data?.trace.id, ...(spanIds.data?.trace.spans ?? []).map((s: any) => s.id)];

    // Project A's key: the foreign trace does not exist, by trace id or by node id.
    const byTraceId = await query('query($id: String!) { trace(traceId: $id) { id } }', { id: foreign.traceId });
    expect(byTraceId.errors).toBeUndefined();
    expect(byTraceId.data?.trace).toBeNull();
    const byNode = await query('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: foreignIds });
    expect(byNode.errors).toBeUndefined();
    expect(byNode.data?.nodes).toEqual(foreignIds.map(() => null));
    expect(await traceIds({})).not.toContain(foreign.traceId);

    // Project B's key sees only its own trace and application, and nothing of A's.
    const listB = await query('{ traces { totalCount edges { node { traceId } } } applications { totalCount } }', {}, keyB);
    expect(listB.data?.traces.edges.map((e: any) => e.node.traceId)).toEqual([foreign.traceId]);
    expect(listB.data?.applications.totalCount).toBe(1);
    const aIds = await query('{ traces(first: 3) { edges { node { id } } } }');
    const fromB = await query(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: [...(aIds.data?.traces.edges ?? []).map((e: any) => e.node.id), applicationIds['checkout-agent']] },
      keyB,
    );
    expect(fromB.data?.nodes).toEqual([null, null, null, null]);
    const filtered = await query(
      'query($a: ID) { traces(filter: { application: $a }) { totalCount } }',
      { a: applicationIds['checkout-agent'] },
      keyB,
    );
    expect(filtered.data?.traces.totalCount).toBe(0);
  });
});
