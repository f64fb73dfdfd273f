import { beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import type { SpanEvent } from '../server/src/tracing/normalized-span.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { createKeyVia, createProjectVia, errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { type CallSeed, percentileCont, spansOf, type TraceSeed } from './support/metrics-seed.js';
import { useTestServer } from './support/test-server.js';

const FROM = '2026-11-21T10:00:00.000Z';
const TO = '2026-11-21T11:00:00.000Z';

const exception = (type: string, message: string): SpanEvent => ({
  name: 'exception',
  time: '2026-11-21T10:00:00.000Z',
  attributes: { 'exception.type': type, 'exception.message': message, 'exception.stacktrace': 'at lookup (tools.ts:1)' },
});

const lookup = (durationMs: number, failure?: SpanEvent): CallSeed => ({
  kind: 'TOOL',
  toolName: 'lookup',
  name: 'execute_tool lookup',
  durationMs,
  ...(failure ? { status: 'ERROR', statusMessage: String(failure.attributes['exception.message']), events: [failure] } : {}),
});

const seeds: TraceSeed[] = [
  {
    app: 'checkout-agent',
    start: '2026-11-21T10:05:00.000Z',
    durationMs: 4000,
    calls: [lookup(1200, exception('TimeoutError', 'lookup timed out after 5s\n  at lookup (tools.ts:1)')), lookup(300)],
  },
  {
    app: 'checkout-agent',
    start: '2026-11-21T10:20:00.000Z',
    durationMs: 9000,
    status: 'ERROR',
    calls: [
      lookup(2500, exception('TimeoutError', 'lookup timed out after 5s')),
      { kind: 'LLM', model: 'gpt-4o', durationMs: 800, status: 'ERROR', statusMessage: 'rate limited\nretry in 20s' },
    ],
  },
  {
    app: 'search-agent',
    rootKind: 'CHAIN',
    start: '2026-11-21T10:40:00.000Z',
    durationMs: 6000,
    calls: [
      lookup(700, exception('TimeoutError', 'lookup timed out after 5s')),
      lookup(100, exception('TimeoutError', 'lookup timed out after 9s')),
      { kind: 'RETRIEVER', name: 'vector search', durationMs: 400 },
      { kind: 'RETRIEVER', name: 'vector search', durationMs: 600, offsetMs: 500 },
      { kind: 'EMBEDDING', name: 'embeddings', model: 'text-embedding-3-small', durationMs: 90 },
    ],
  },
  // Outside the range: longest of all and failing, so leaking it would show.
  {
    app: 'checkout-agent',
    start: '2026-11-21T11:00:00.000Z',
    durationMs: 60_000,
    calls: [lookup(50_000, exception('TimeoutError', 'lookup timed out after 5s'))],
  },
];

const inRange = (s: TraceSeed) => s.start >= FROM && s.start < TO;

describe('analysis', () => {
  const t = useTestServer();
  const traceRows = new Map<string, string>();
  const appIds = new Map<string, string>();

  beforeAll(async () => {
    const { prisma, sql } = await t.database.open();
    const project = await prisma.project.findFirstOrThrow({ where: { name: 'default' } });
    await writeSpans(sql, project.id, seeds.flatMap(spansOf));
    for (const trace of await prisma.trace.findMany({ where: { projectId: project.id } })) {
      traceRows.set(trace.startTime.toISOString(), trace.id);
    }
    for (const app of await prisma.application.findMany({ where: { projectId: project.id } })) appIds.set(app.name, app.id);
  });

  const query = (text: string, variables: Record<string, unknown> = {}, key = t.server.adminKey) =>
    gql(t.server.url, key, text, { from: FROM, to: TO, ...variables });

  it('lists the slowest traces in the range, longest first', async () => {
    const res = await query(
      `query($from: DateTime!, $to: DateTime!) { slowestTraces(from: $from, to: $to, limit: 2) {
        traceNodeId name applicationName startTime durationMs status spanCount errorCount } }`,
    );
    expect(res.errors).toBeUndefined();
    const expected = seeds
      .filter(inRange)
      .sort((a, b) => b.durationMs - a.durationMs)
      .slice(0, 2);
    expect(res.data?.slowestTraces).toEqual(
      expected.map((s) => ({
        traceNodeId: encodeGlobalId('Trace', traceRows.get(s.start) as string),
        name: `${s.app} run`,
        applicationName: s.app,
        startTime: s.start,
        durationMs: s.durationMs,
        status: s.status ?? (s.calls?.some((c) => c.status === 'ERROR') ? 'ERROR' : 'OK'),
        spanCount: 1 + (s.calls?.length ?? 0),
        errorCount: (s.status === 'ERROR' ? 1 : 0) + (s.calls ?? []).filter((c) => c.status === 'ERROR').length,
      })),
    );
  });

  it('lists the slowest spans of one kind', async () => {
    const res = await query(
      `query($from: DateTime!, $to: DateTime!) { slowestSpans(from: $from, to: $to, kind: TOOL, limit: 3) {
        name kind toolName durationMs status applicationName traceNodeId spanNodeId } }`,
    );
    expect(res.errors).toBeUndefined();
    const tools = seeds
      .filter(inRange)
      .flatMap((s) => (s.calls ?? []).filter((c) => c.kind === 'TOOL').map((c) => ({ app: s.app, call: c })))
      .sort((a, b) => b.call.durationMs - a.call.durationMs);
    expect(res.data?.slowestSpans.map((s: { durationMs: number }) => s.durationMs)).toEqual(
      tools.slice(0, 3).map((x) => x.call.durationMs),
    );
    expect(res.data?.slowestSpans[0]).toMatchObject({
      name: 'execute_tool lookup',
      kind: 'TOOL',
      toolName: 'lookup',
      status: 'ERROR',
      applicationName: 'checkout-agent',
    });
    expect(res.data?.slowestSpans[0].traceNodeId).toBe(
      encodeGlobalId('Trace', traceRows.get(seeds[1]?.start as string) as string),
    );
  });

  it('groups errors by exception type and first message line, with counts and first/last seen', async () => {
    const res = await query(
      `query($from: DateTime!, $to: DateTime!) { errorGroups(from: $from, to: $to) {
        errorType message count traceCount firstSeen lastSeen sampleTraceNodeId spanKinds } }`,
    );
    expect(res.errors).toBeUndefined();
    const [s0, s1, s2] = seeds as [TraceSeed, TraceSeed, TraceSeed];
    const callStart = (s: TraceSeed) => new Date(new Date(s.start).getTime() + 10).toISOString();
    expect(res.data?.errorGroups).toEqual([
      {
        errorType: 'TimeoutError',
        message: 'lookup timed out after 5s',
        count: 3,
        traceCount: 3,
        firstSeen: callStart(s0),
        lastSeen: callStart(s2),
        sampleTraceNodeId: encodeGlobalId('Trace', traceRows.get(s2.start) as string),
        spanKinds: ['TOOL'],
      },
      {
        errorType: 'TimeoutError',
        message: 'lookup timed out after 9s',
        count: 1,
        traceCount: 1,
        firstSeen: callStart(s2),
        lastSeen: callStart(s2),
        sampleTraceNodeId: encodeGlobalId('Trace', traceRows.get(s2.start) as string),
        spanKinds: ['TOOL'],
      },
      {
        // No exception event: the status message's first line names the error.
        errorType: 'rate limited',
        message: 'rate limited',
        count: 1,
        traceCount: 1,
        firstSeen: callStart(s1),
        lastSeen: callStart(s1),
        sampleTraceNodeId: encodeGlobalId('Trace', traceRows.get(s1.start) as string),
        spanKinds: ['LLM'],
      },
      {
        // A failed root without message or exception still counts, under 'unknown'.
        errorType: 'unknown',
        message: '',
        count: 1,
        traceCount: 1,
        firstSeen: s1.start,
        lastSeen: s1.start,
        sampleTraceNodeId: encodeGlobalId('Trace', traceRows.get(s1.start) as string),
        spanKinds: ['AGENT'],
      },
    ]);
  });

  it('groups a failure without an exception event under its OpenTelemetry `error.type` attribute', async () => {
    const { prisma, sql } = await t.database.open();
    const project = await prisma.project.findFirstOrThrow({ where: { name: 'default' } });
    // After every other test's range, so their answers stay as they were.
    const start = '2026-11-21T14:00:00.000Z';
    const rateLimited = { 'error.type': 'RateLimitError' };
    await writeSpans(
      sql,
      project.id,
      spansOf({
        app: 'checkout-agent',
        start,
        durationMs: 1000,
        calls: [
          { kind: 'LLM', model: 'gpt-4o', durationMs: 100, status: 'ERROR', attributes: rateLimited },
          {
            kind: 'LLM',
            model: 'gpt-4o',
            durationMs: 100,
            status: 'ERROR',
            statusMessage: '429 Too Many Requests',
            attributes: rateLimited,
          },
        ],
      }),
    );
    const res = await query(
      `query($from: DateTime!, $to: DateTime!) { errorGroups(from: $from, to: $to) { errorType message count spanKinds } }`,
      { from: start, to: '2026-11-21T15:00:00.000Z' },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.errorGroups).toEqual([
      { errorType: 'RateLimitError', message: '', count: 1, spanKinds: ['LLM'] },
      { errorType: 'RateLimitError', message: '429 Too Many Requests', count: 1, spanKinds: ['LLM'] },
    ]);
  });

  it('analyses calls per operation: counts, errors and latency percentiles', async () => {
    const res = await query(
      `query($from: DateTime!, $to: DateTime!) { operationAnalysis(from: $from, to: $to) {
        kind name calls errors errorRate latencyP50Ms latencyP95Ms latencyAvgMs } }`,
    );
    expect(res.errors).toBeUndefined();
    const calls = seeds.filter(inRange).flatMap((s) => s.calls ?? []);
    const stats = (kind: string, name: string) => {
      const group = calls.filter((c) => c.kind === kind && (c.toolName ?? c.name) === name);
      const durations = group.map((c) => c.durationMs);
      const errors = group.filter((c) => c.status === 'ERROR').length;
      return {
        kind,
        name,
        calls: group.length,
        errors,
        errorRate: errors / group.length,
        latencyP50Ms: percentileCont(durations, 0.5),
        latencyP95Ms: percentileCont(durations, 0.95),
        latencyAvgMs: durations.reduce((a, b) => a + b, 0) / durations.length,
      };
    };
    const byName = Object.fromEntries(
      res.data?.operationAnalysis.map((o: { kind: string; name: string }) => [`${o.kind}:${o.name}`, o]),
    );
    expect(res.data?.operationAnalysis[0]).toMatchObject({ kind: 'TOOL', name: 'lookup' });
    for (const [kind, name] of [
      ['TOOL', 'lookup'],
      ['RETRIEVER', 'vector search'],
      ['EMBEDDING', 'embeddings'],
    ] as const) {
      const want = stats(kind, name);
      const got = byName[`${kind}:${name}`];
      expect(got).toMatchObject({ kind, name, calls: want.calls, errors: want.errors });
      for (const field of ['errorRate', 'latencyP50Ms', 'latencyP95Ms', 'latencyAvgMs'] as const) {
        expect(got[field], `${kind}:${name} ${field}`).toBeCloseTo(want[field] as number, 6);
      }
    }

    const retrieval = await query(
      `query($from: DateTime!, $to: DateTime!) { operationAnalysis(from: $from, to: $to, kind: RETRIEVER) { kind name calls } }`,
    );
    expect(retrieval.data?.operationAnalysis).toEqual([{ kind: 'RETRIEVER', name: 'vector search', calls: 2 }]);
  });

  it('narrows spans, error groups and operations to one application', async () => {
    const res = await query(
      `query($from: DateTime!, $to: DateTime!, $app: ID) {
        slowestSpans(from: $from, to: $to, application: $app, limit: 100) { applicationName }
        errorGroups(from: $from, to: $to, application: $app) { message count }
        operationAnalysis(from: $from, to: $to, application: $app) { kind name calls } }`,
      { app: encodeGlobalId('Application', appIds.get('search-agent') as string) },
    );
    expect(res.errors).toBeUndefined();
    const search = seeds.filter((s) => inRange(s) && s.app === 'search-agent');
    const spanCount = search.reduce((n, s) => n + 1 + (s.calls?.length ?? 0), 0);
    expect(res.data?.slowestSpans).toHaveLength(spanCount);
    expect(new Set(res.data?.slowestSpans.map((s: { applicationName: string }) => s.applicationName))).toEqual(
      new Set(['search-agent']),
    );
    expect(res.data?.errorGroups).toEqual([
      { message: 'lookup timed out after 5s', count: 1 },
      { message: 'lookup timed out after 9s', count: 1 },
    ]);
    expect(res.data?.operationAnalysis.find((o: { name: string }) => o.name === 'lookup')).toEqual({
      kind: 'TOOL',
      name: 'lookup',
      calls: 2,
    });
  });

  it('refuses reversed ranges and limits outside 1..100', async () => {
    const list = `query($from: DateTime!, $to: DateTime!, $limit: Int) { slowestTraces(from: $from, to: $to, limit: $limit) { name } }`;
    const reversed = await query(list, { from: TO, to: FROM });
    expect(errorCodes(reversed)).toEqual(['INVALID_INPUT']);
    expect(reversed.errors?.[0]?.message).toContain('`from` must be before `to`');
    const same = await query(list, { to: FROM });
    expect(errorCodes(same)).toEqual(['INVALID_INPUT']);
    const tooMany = await query(list, { limit: 101 });
    expect(errorCodes(tooMany)).toEqual(['INVALID_INPUT']);
    expect(tooMany.errors?.[0]?.message).toContain('at most 100');
    expect(errorCodes(await query(list, { limit: 0 }))).toEqual(['INVALID_INPUT']);
    const errors = `query($from: DateTime!, $to: DateTime!) { errorGroups(from: $from, to: $to, limit: 500) { count } }`;
    expect(errorCodes(await query(errors))).toEqual(['INVALID_INPUT']);
  });

  it("shows another project's key nothing", async () => {
    const project = await createProjectVia(t.server.url, t.server.adminKey, 'analysis-other');
    const { secret } = await createKeyVia(t.server.url, t.server.adminKey, { project, role: 'viewer' });
    const res = await query(
      `query($from: DateTime!, $to: DateTime!) {
        slowestTraces(from: $from, to: $to) { name }
        slowestSpans(from: $from, to: $to) { name }
        errorGroups(from: $from, to: $to) { count }
        operationAnalysis(from: $from, to: $to) { name } }`,
      {},
      secret,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ slowestTraces: [], slowestSpans: [], errorGroups: [], operationAnalysis: [] });
  });
});
