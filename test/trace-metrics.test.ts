import { beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { createKeyVia, createProjectVia, errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { percentileCont, spansOf, type TraceSeed } from './support/metrics-seed.js';
import { useTestServer } from './support/test-server.js';

const FROM = '2026-11-21T10:00:00.000Z';
const TO = '2026-11-21T10:05:00.000Z';
const MINUTE = 60_000;

// Minute 10:01 and 10:04 stay empty on purpose (gap filling); two traces fall just outside the range.
const seeds: TraceSeed[] = [
  {
    app: 'checkout-agent',
    start: '2026-11-21T10:00:10.000Z',
    durationMs: 1000,
    sessionId: 's1',
    userId: 'u1',
    calls: [{ kind: 'LLM', model: 'gpt-4o', inputTokens: 100, outputTokens: 20, cost: 0.001, durationMs: 800 }],
  },
  {
    app: 'checkout-agent',
    start: '2026-11-21T10:00:40.000Z',
    durationMs: 3000,
    status: 'ERROR',
    sessionId: 's1',
    userId: 'u1',
    calls: [{ kind: 'LLM', model: 'gpt-4o', inputTokens: 50, outputTokens: 10, cost: 0.0005, durationMs: 2500 }],
  },
  {
    app: 'checkout-agent',
    start: '2026-11-21T10:02:30.000Z',
    durationMs: 2000,
    sessionId: 's2',
    userId: 'u2',
    calls: [
      { kind: 'LLM', model: 'claude-sonnet', inputTokens: 200, outputTokens: 40, cost: 0.002, durationMs: 1500 },
      { kind: 'TOOL', toolName: 'lookup', offsetMs: 1600, durationMs: 300 },
    ],
  },
  {
    app: 'search-agent',
    version: '2.0.0',
    environment: 'staging',
    rootKind: 'CHAIN',
    start: '2026-11-21T10:03:15.000Z',
    durationMs: 500,
    calls: [{ kind: 'EMBEDDING', model: 'text-embedding-3-small', inputTokens: 30, cost: 0.00001, durationMs: 100 }],
  },
  { app: 'checkout-agent', start: '2026-11-21T10:05:00.000Z', durationMs: 100, sessionId: 's9' },
  { app: 'checkout-agent', start: '2026-11-21T09:59:59.000Z', durationMs: 100, sessionId: 's9' },
];

type Observation = {
  start: string;
  durationMs: number;
  failed: boolean;
  input: number;
  output: number;
  cost: number;
  session?: string;
  user?: string;
};

const inRange = (o: { start: string }) => o.start >= FROM && o.start < TO;
const startPlus = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();

/** What a trace contributes to a request-based series. */
const traceObservation = (s: TraceSeed): Observation => ({
  start: s.start,
  durationMs: s.durationMs,
  failed: s.status === 'ERROR',
  input: (s.calls ?? []).reduce((n, c) => n + (c.inputTokens ?? 0), 0),
  output: (s.calls ?? []).reduce((n, c) => n + (c.outputTokens ?? 0), 0),
  cost: (s.calls ?? []).reduce((n, c) => n + (c.cost ?? 0), 0),
  session: s.sessionId,
  user: s.userId,
});

/** The points the server should return for these observations, one per minute bucket. */
const expectedPoints = (observations: Observation[]) =>
  Array.from({ length: 5 }, (_, i) => {
    const bucket = new Date(new Date(FROM).getTime() + i * MINUTE).toISOString();
    const end = new Date(new Date(FROM).getTime() + (i + 1) * MINUTE).toISOString();
    const inBucket = observations.filter((o) => o.start >= bucket && o.start < end);
    const durations = inBucket.map((o) => o.durationMs);
    const sum = (f: (o: Observation) => number) => inBucket.reduce((n, o) => n + f(o), 0);
    return {
      bucket,
      requests: inBucket.length,
      errors: inBucket.filter((o) => o.failed).length,
      latencyP50Ms: percentileCont(durations, 0.5),
      latencyP90Ms: percentileCont(durations, 0.9),
      latencyP99Ms: percentileCont(durations, 0.99),
      inputTokens: sum((o) => o.input),
      outputTokens: sum((o) => o.output),
      cost: sum((o) => o.cost),
      sessions: new Set(inBucket.map((o) => o.session).filter(Boolean)).size,
      users: new Set(inBucket.map((o) => o.user).filter(Boolean)).size,
    };
  });

/** Floats from SQL sums and percentiles are compared to 9 digits, the rest exactly. */
const expectPointsClose = (actual: Record<string, unknown>[], expected: Record<string, unknown>[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((point, i) => {
    const want = expected[i] as Record<string, unknown>;
    for (const [field, value] of Object.entries(want)) {
      if (typeof value === 'number' && !Number.isInteger(value)) expect(point[field], field).toBeCloseTo(value, 9);
      else expect(point[field], `${field} of ${want.bucket}`).toEqual(value);
    }
  });
};

const POINT_FIELDS = 'bucket requests errors latencyP50Ms latencyP90Ms latencyP99Ms inputTokens outputTokens cost sessions users';

const METRICS = `query($input: MetricsInput!) { metrics(input: $input) {
  bucketSeconds series { key label points { ${POINT_FIELDS} } } } }`;

describe('metrics', () => {
  const t = useTestServer();
  const applicationIds = new Map<string, string>();

  beforeAll(async () => {
    const { prisma, sql } = await t.database.open();
    const project = await prisma.project.findFirstOrThrow({ where: { name: 'default' } });
    await writeSpans(sql, project.id, seeds.flatMap(spansOf));
    for (const app of await prisma.application.findMany({ where: { projectId: project.id } })) {
      applicationIds.set(app.name, app.id);
    }
  });

  const metrics = (input: Record<string, unknown>, key = t.server.adminKey) =>
    gql(t.server.url, key, METRICS, { input: { from: FROM, to: TO, bucket: 'MINUTE', ...input } });

  it('returns one series with every minute, empty minutes as zero', async () => {
    const res = await metrics({});
    expect(res.errors).toBeUndefined();
    expect(res.data?.metrics.bucketSeconds).toBe(60);
    expect(res.data?.metrics.series).toHaveLength(1);
    const [series] = res.data?.metrics.series ?? [];
    expect(series).toMatchObject({ key: '', label: 'all' });
    const expected = expectedPoints(seeds.filter(inRange).map(traceObservation));
    expect(expected[1]).toMatchObject({ requests: 0, latencyP50Ms: null });
    expectPointsClose(series.points, expected);
  });

  it('groups traces by application, labelled by name and keyed by global ID', async () => {
    const res = await metrics({ groupBy: 'APPLICATION' });
    expect(res.errors).toBeUndefined();
    const series = res.data?.metrics.series ?? [];
    // Busiest group first.
    expect(series.map((s: { label: string }) => s.label)).toEqual(['checkout-agent', 'search-agent']);
    for (const s of series) {
      expect(s.key).toBe(encodeGlobalId('Application', applicationIds.get(s.label) as string));
      expectPointsClose(s.points, expectedPoints(seeds.filter((x) => inRange(x) && x.app === s.label).map(traceObservation)));
    }
  });

  it('labels deployments with application, version and environment', async () => {
    const res = await metrics({ groupBy: 'DEPLOYMENT' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.metrics.series.map((s: { label: string }) => s.label)).toEqual([
      'checkout-agent 1.0.0 (prod)',
      'search-agent 2.0.0 (staging)',
    ]);
  });

  it('groups calls by model and by span kind from the spans', async () => {
    const calls = seeds.filter(inRange).flatMap((s) =>
      (s.calls ?? []).map((c) => ({
        model: c.model,
        kind: c.kind,
        observation: {
          start: startPlus(s.start, c.offsetMs ?? 10),
          durationMs: c.durationMs,
          failed: c.status === 'ERROR',
          input: c.inputTokens ?? 0,
          output: c.outputTokens ?? 0,
          cost: c.cost ?? 0,
          session: s.sessionId,
          user: s.userId,
        },
      })),
    );
    const byModel = await metrics({ groupBy: 'MODEL' });
    expect(byModel.errors).toBeUndefined();
    const modelSeries = byModel.data?.metrics.series ?? [];
    expect(modelSeries.map((s: { key: string }) => s.key)).toEqual(['gpt-4o', 'claude-sonnet', 'text-embedding-3-small']);
    for (const s of modelSeries) {
      expect(s.label).toBe(s.key);
      expectPointsClose(s.points, expectedPoints(calls.filter((c) => c.model === s.key).map((c) => c.observation)));
    }

    const byKind = await metrics({ groupBy: 'SPAN_KIND' });
    const kinds = Object.fromEntries(byKind.data?.metrics.series.map((s: { key: string }) => [s.key, s]) ?? []);
    expect(Object.keys(kinds).sort()).toEqual(['AGENT', 'CHAIN', 'EMBEDDING', 'LLM', 'TOOL']);
    expectPointsClose(kinds.LLM.points, expectedPoints(calls.filter((c) => c.kind === 'LLM').map((c) => c.observation)));
    const agentRuns = seeds.filter((s) => inRange(s) && (s.rootKind ?? 'AGENT') === 'AGENT');
    expect(kinds.AGENT.points.map((p: { requests: number }) => p.requests)).toEqual(
      expectedPoints(agentRuns.map(traceObservation)).map((p) => p.requests),
    );
  });

  it('filters by application and accepts a custom bucket width', async () => {
    const res = await metrics({
      bucket: null,
      bucketSeconds: 120,
      application: encodeGlobalId('Application', applicationIds.get('search-agent') as string),
    });
    expect(res.errors).toBeUndefined();
    const [series] = res.data?.metrics.series ?? [];
    // Two-minute buckets are aligned to the epoch: 10:00, 10:02, 10:04.
    expect(series.points.map((p: { bucket: string; requests: number }) => [p.bucket, p.requests])).toEqual([
      ['2026-11-21T10:00:00.000Z', 0],
      ['2026-11-21T10:02:00.000Z', 1],
      ['2026-11-21T10:04:00.000Z', 0],
    ]);
  });

  it('averages tokens and cost per request and per session', async () => {
    const res = await gql(
      t.server.url,
      t.server.adminKey,
      `query($input: MetricsRangeInput!) { tokenAnalysis(input: $input) {
        requests sessions inputTokens outputTokens cost requestsPerSession
        perRequest { inputTokens outputTokens cost } perSession { inputTokens outputTokens cost } } }`,
      { input: { from: FROM, to: TO } },
    );
    expect(res.errors).toBeUndefined();
    const traces = seeds.filter(inRange).map(traceObservation);
    const sessionTraces = traces.filter((o) => o.session);
    const sessions = new Set(sessionTraces.map((o) => o.session)).size;
    const total = (list: Observation[], f: (o: Observation) => number) => list.reduce((n, o) => n + f(o), 0);
    const analysis = res.data?.tokenAnalysis;
    expect(analysis).toMatchObject({
      requests: traces.length,
      sessions,
      inputTokens: total(traces, (o) => o.input),
      outputTokens: total(traces, (o) => o.output),
      requestsPerSession: sessionTraces.length / sessions,
    });
    expect(analysis.perRequest.inputTokens).toBeCloseTo(total(traces, (o) => o.input) / traces.length, 9);
    expect(analysis.perRequest.cost).toBeCloseTo(total(traces, (o) => o.cost) / traces.length, 9);
    expect(analysis.perSession.outputTokens).toBeCloseTo(total(sessionTraces, (o) => o.output) / sessions, 9);
    expect(analysis.perSession.cost).toBeCloseTo(total(sessionTraces, (o) => o.cost) / sessions, 9);
  });

  it('refuses reversed ranges, too many buckets and ambiguous buckets', async () => {
    const reversed = await metrics({ from: TO, to: FROM });
    expect(errorCodes(reversed)).toEqual(['INVALID_INPUT']);
    expect(reversed.errors?.[0]?.message).toContain('`from` must be before `to`');

    const tooMany = await metrics({ to: '2026-11-24T10:00:00.000Z' });
    expect(errorCodes(tooMany)).toEqual(['INVALID_INPUT']);
    expect(tooMany.errors?.[0]?.message).toContain('4320 buckets');

    expect(errorCodes(await metrics({ bucketSeconds: 60 }))).toEqual(['INVALID_INPUT']);
    expect(errorCodes(await metrics({ bucket: null }))).toEqual(['INVALID_INPUT']);
    expect(errorCodes(await metrics({ seriesLimit: 101 }))).toEqual(['INVALID_INPUT']);
    expect(
      errorCodes(await metrics({ application: encodeGlobalId('Project', applicationIds.get('search-agent') as string) })),
    ).toEqual(['INVALID_INPUT']);
  });

  it("shows another project's key nothing", async () => {
    const project = await createProjectVia(t.server.url, t.server.adminKey, 'metrics-other');
    const { secret } = await createKeyVia(t.server.url, t.server.adminKey, { project, role: 'viewer' });
    const res = await metrics({ groupBy: 'APPLICATION' }, secret);
    expect(res.errors).toBeUndefined();
    expect(res.data?.metrics.series).toEqual([]);
    const all = await metrics({}, secret);
    expect(all.data?.metrics.series[0].points.every((p: { requests: number }) => p.requests === 0)).toBe(true);
    // Even naming the other project's application by its real ID.
    const foreign = await metrics(
      { application: encodeGlobalId('Application', applicationIds.get('checkout-agent') as string) },
      secret,
    );
    expect(foreign.data?.metrics.series[0].points.every((p: { requests: number }) => p.requests === 0)).toBe(true);
  });
});
