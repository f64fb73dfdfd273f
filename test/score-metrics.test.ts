import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { createKeyVia, createProjectVia, errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { percentileCont } from './support/metrics-seed.js';
import { hexId, makeSpan } from './support/span-factory.js';
import { useTestServer } from './support/test-server.js';

const FROM = '2026-11-21T10:00:00.000Z';
const TO = '2026-11-21T10:05:00.000Z';

type Seed = { id: string; app: string; start: string; output: string };

// 10:01 and 10:04 stay empty (gap filling); `late` starts at `to` and must not count.
const seeds: Seed[] = [
  { id: 'a1', app: 'support-agent', start: '2026-11-21T10:00:10.000Z', output: 'refund issued' },
  { id: 'a2', app: 'support-agent', start: '2026-11-21T10:00:40.000Z', output: 'no luck' },
  { id: 'a3', app: 'support-agent', start: '2026-11-21T10:02:30.000Z', output: 'a refund later' },
  { id: 'b1', app: 'billing-agent', start: '2026-11-21T10:03:15.000Z', output: 'refund denied' },
  { id: 'late', app: 'support-agent', start: TO, output: 'refund' },
];

const spansOf = (seed: Seed) => {
  const traceId = hexId(16);
  const start = new Date(seed.start);
  const at = (ms: number) => new Date(start.getTime() + ms);
  const service = { serviceName: seed.app, resourceAttributes: { 'service.name': seed.app } };
  const root = makeSpan({
    ...service,
    traceId,
    name: seed.id,
    kind: 'AGENT',
    startTime: start,
    endTime: at(1000),
    output: seed.output,
  });
  const llm = makeSpan({
    ...service,
    traceId,
    parentSpanId: root.spanId,
    name: `${seed.id} llm`,
    kind: 'LLM',
    model: 'gpt-4o',
    startTime: at(10),
    endTime: at(500),
  });
  return [root, llm];
};

const CREATE_SCORE = `mutation($input: CreateScoreInput!) { createScore(input: $input) {
  __typename ... on ScorePayload { score { id } } ... on Error { message } } }`;

const AGGREGATE = 'request name evaluator source count avg min max p50 p90 labels { label count }';
const METRICS = `query($input: MetricsInput!) { metrics(input: $input) {
  series { key label points { bucket requests scores { ${AGGREGATE} } } } } }`;

type Aggregate = {
  request: number;
  name: string;
  evaluator: string | null;
  source: string | null;
  count: number;
  avg: number | null;
  min: number | null;
  max: number | null;
  p50: number | null;
  p90: number | null;
  labels: { label: string; count: number }[];
};
type Point = { bucket: string; requests: number; scores: Aggregate[] };
type Series = { key: string; label: string; points: Point[] };

const minute = (i: number) => new Date(new Date(FROM).getTime() + i * 60_000).toISOString();

/** The aggregate the server should report for these numeric values (and labels). */
const numeric = (values: number[]) => ({
  count: values.length,
  avg: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
  min: values.length ? Math.min(...values) : null,
  max: values.length ? Math.max(...values) : null,
  p50: percentileCont(values, 0.5),
  p90: percentileCont(values, 0.9),
});

const expectAggregate = (actual: Aggregate | undefined, expected: ReturnType<typeof numeric>) => {
  expect(actual).toBeDefined();
  const a = actual as Aggregate;
  expect(a.count).toBe(expected.count);
  for (const field of ['avg', 'min', 'max', 'p50', 'p90'] as const) {
    if (expected[field] === null) expect(a[field], field).toBeNull();
    else expect(a[field], field).toBeCloseTo(expected[field] as number, 9);
  }
};

describe('score aggregates in the metrics time series', { timeout: 120_000 }, () => {
  const t = useTestServer({ env: { AGENTLOOP_SECRET_KEY: randomBytes(32).toString('base64'), AGENTLOOP_JOB_POLL_MS: '50' } });
  const trace = new Map<string, { traceRow: string; llmRow: string }>();
  const applicationIds = new Map<string, string>();
  let evaluatorId = '';

  const q = (query: string, variables?: Record<string, unknown>, key = t.server.adminKey) =>
    gql(t.server.url, key, query, variables);

  const score = async (input: Record<string, unknown>) => {
    const res = await q(CREATE_SCORE, { input });
    expect(res.data?.createScore.__typename, JSON.stringify(res)).toBe('ScorePayload');
    return res.data?.createScore.score.id as string;
  };

  beforeAll(async () => {
    const { prisma, sql } = await t.database.open();
    const project = await prisma.project.findFirstOrThrow({ where: { name: 'default' } });
    const spans = seeds.map(spansOf);
    await writeSpans(sql, project.id, spans.flat());
    for (const [i, seed] of seeds.entries()) {
      const [root, llm] = spans[i] ?? [];
      const traceRow = await prisma.trace.findFirstOrThrow({ where: { traceId: root?.traceId } });
      const llmRow = await prisma.span.findFirstOrThrow({ where: { traceId: root?.traceId, spanId: llm?.spanId } });
      trace.set(seed.id, { traceRow: encodeGlobalId('Trace', traceRow.id), llmRow: encodeGlobalId('Span', llmRow.id) });
    }
    for (const app of await prisma.application.findMany({ where: { projectId: project.id } })) {
      applicationIds.set(app.name, app.id);
    }

    const of = (id: string) => trace.get(id) as { traceRow: string; llmRow: string };
    // Human toxicity scores: on traces and on one span; a2's 0.9 is corrected to 0.1 (only 0.1 counts).
    await score({ trace: of('a1').traceRow, name: 'toxicity', value: 0.2 });
    await score({ span: of('a1').llmRow, name: 'toxicity', value: 0.6 });
    const wrong = await score({ trace: of('a2').traceRow, name: 'toxicity', value: 0.9 });
    const corrected = await q(`mutation($input: CorrectScoreInput!) { correctScore(input: $input) { __typename } }`, {
      input: { score: wrong, value: 0.1 },
    });
    expect(corrected.data?.correctScore.__typename).toBe('ScorePayload');
    await score({ trace: of('a3').traceRow, name: 'toxicity', value: 0.4 });
    await score({ trace: of('b1').traceRow, name: 'toxicity', value: 0.8 });
    await score({ trace: of('late').traceRow, name: 'toxicity', value: 0.99 });
    await score({ trace: of('a1').traceRow, name: 'verdict', label: 'pass' });
    await score({ trace: of('a2').traceRow, name: 'verdict', label: 'fail' });
    await score({ trace: of('a3').traceRow, name: 'verdict', label: 'fail' });

    // A code check over support-agent's traces through a real eval task: CODE scores with an evaluator.
    const created = await q(
      `mutation($input: CreateEvaluatorInput!) { createEvaluator(input: $input) {
        __typename ... on EvaluatorPayload { evaluator { id } } ... on Error { message } } }`,
      { input: { name: 'mentions refund', plugin: 'contains', config: { values: ['refund'] } } },
    );
    evaluatorId = created.data?.createEvaluator.evaluator.id;
    expect(evaluatorId).toBeTruthy();
    const task = await q(
      `mutation($input: CreateEvalTaskInput!) { createEvalTask(input: $input) {
        __typename ... on EvalTaskPayload { task { id } } ... on Error { message } } }`,
      {
        input: {
          name: 'refund check',
          evaluator: evaluatorId,
          dataSource: 'TRACES',
          application: encodeGlobalId('Application', applicationIds.get('support-agent') as string),
          mode: 'HISTORICAL',
          from: FROM,
          to: TO,
        },
      },
    );
    const taskId = task.data?.createEvalTask.task.id;
    expect(taskId, JSON.stringify(task)).toBeTruthy();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = (await q('query($id: ID!) { evalTask(id: $id) { status counts { scored } } }', { id: taskId })).data
        ?.evalTask;
      if (status?.status === 'COMPLETED') {
        expect(status.counts.scored).toBe(3);
        break;
      }
      if (Date.now() > deadline) throw new Error(`task never finished: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  const metrics = async (input: Record<string, unknown>, key = t.server.adminKey): Promise<Series[]> => {
    const res = await q(METRICS, { input: { from: FROM, to: TO, bucket: 'MINUTE', ...input } }, key);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data?.metrics.series;
  };

  it('aggregates current scores per bucket at their trace start, spans counting for their trace', async () => {
    const [series] = await metrics({ scores: [{ name: 'toxicity' }, { name: 'verdict' }, { name: 'never-written' }] });
    const points = series?.points ?? [];
    expect(points.map((p) => p.bucket)).toEqual([0, 1, 2, 3, 4].map(minute));
    // Every point lists the same aggregates, in request order.
    for (const point of points)
      expect(point.scores.map((s) => [s.request, s.name])).toEqual([
        [0, 'toxicity'],
        [1, 'verdict'],
        [2, 'never-written'],
      ]);
    const toxicity = points.map((p) => p.scores[0]);
    expectAggregate(toxicity[0], numeric([0.2, 0.6, 0.1]));
    expectAggregate(toxicity[1], numeric([]));
    expectAggregate(toxicity[2], numeric([0.4]));
    expectAggregate(toxicity[3], numeric([0.8]));
    // `late` starts at `to`: outside, like its request.
    expectAggregate(toxicity[4], numeric([]));
    expect(points.map((p) => p.requests)).toEqual([2, 0, 1, 1, 0]);

    const verdict = points.map((p) => p.scores[1]);
    expect(verdict[0]).toMatchObject({
      count: 2,
      avg: null,
      labels: [
        { label: 'fail', count: 1 },
        { label: 'pass', count: 1 },
      ],
    });
    expect(verdict[2]).toMatchObject({ count: 1, labels: [{ label: 'fail', count: 1 }] });
    expect(verdict[3]).toMatchObject({ count: 0, labels: [] });
    expect(points.every((p) => p.scores[2]?.count === 0)).toBe(true);
  });

  it("selects by evaluator and by source; a correction is the human's", async () => {
    const [series] = await metrics({
      scores: [{ evaluator: evaluatorId }, { evaluator: evaluatorId, source: 'LLM' }, { name: 'toxicity', source: 'CODE' }],
    });
    const points = series?.points ?? [];
    // The evaluator wrote one score name; LLM and CODE toxicity match nothing.
    for (const point of points)
      expect(point.scores.map((s) => [s.request, s.name])).toEqual([
        [0, 'contains'],
        [2, 'toxicity'],
      ]);
    expect(points[0]?.scores[0]).toMatchObject({ evaluator: evaluatorId, source: null });
    expectAggregate(points[0]?.scores[0], numeric([1, 0]));
    expectAggregate(points[2]?.scores[0], numeric([1]));
    expectAggregate(points[3]?.scores[0], numeric([]));
    expect(points.every((p) => p.scores[1]?.count === 0)).toBe(true);
  });

  it('groups like the request series and honours the application filter', async () => {
    const byApp = await metrics({ groupBy: 'APPLICATION', scores: [{ name: 'toxicity' }] });
    expect(byApp.map((s) => s.label)).toEqual(['support-agent', 'billing-agent']);
    const [support, billing] = byApp;
    expectAggregate(support?.points[0]?.scores[0], numeric([0.2, 0.6, 0.1]));
    expectAggregate(support?.points[3]?.scores[0], numeric([]));
    expectAggregate(billing?.points[0]?.scores[0], numeric([]));
    expectAggregate(billing?.points[3]?.scores[0], numeric([0.8]));

    const onlyBilling = await metrics({
      application: encodeGlobalId('Application', applicationIds.get('billing-agent') as string),
      scores: [{ name: 'toxicity' }],
    });
    expect(onlyBilling[0]?.points.map((p) => p.scores[0]?.count)).toEqual([0, 0, 0, 1, 0]);

    // By model, only scores of spans count, at the span's start.
    const byModel = await metrics({ groupBy: 'MODEL', scores: [{ name: 'toxicity' }] });
    expect(byModel.map((s) => s.key)).toEqual(['gpt-4o']);
    expect(byModel[0]?.points.map((p) => p.scores[0]?.count)).toEqual([1, 0, 0, 0, 0]);
    expectAggregate(byModel[0]?.points[0]?.scores[0], numeric([0.6]));
  });

  it("summarises each score name on an application's overview", async () => {
    const overview = async (app: string) => {
      const res = await q(
        `query($id: ID!, $from: DateTime, $to: DateTime) { node(id: $id) { ... on Application {
          overview(from: $from, to: $to) { requests scores { name count avg lastValue lastLabel lastAt } } } } }`,
        { id: encodeGlobalId('Application', applicationIds.get(app) as string), from: FROM, to: TO },
      );
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      return res.data?.node.overview.scores as {
        name: string;
        count: number;
        avg: number | null;
        lastValue: number | null;
        lastLabel: string | null;
      }[];
    };
    const support = await overview('support-agent');
    expect(support.map((s) => s.name)).toEqual(['contains', 'toxicity', 'verdict']);
    expect(support[0]).toMatchObject({ count: 3 });
    expect(support[0]?.avg).toBeCloseTo(2 / 3, 9);
    // a1 0.2, its span 0.6, a2's correction 0.1 (not the 0.9 it replaced), a3 0.4 written last.
    expect(support[1]).toMatchObject({ count: 4, lastValue: 0.4, lastLabel: null });
    expect(support[1]?.avg).toBeCloseTo(0.325, 9);
    expect(support[2]).toMatchObject({ count: 3, avg: null, lastValue: null, lastLabel: 'fail' });
    expect(await overview('billing-agent')).toMatchObject([{ name: 'toxicity', count: 1, avg: 0.8, lastValue: 0.8 }]);
  });

  it('refuses requests without a name or evaluator, wrong IDs and too many series', async () => {
    const bad = async (scores: unknown) => {
      const res = await q(METRICS, { input: { from: FROM, to: TO, bucket: 'MINUTE', scores } });
      expect(errorCodes(res)).toEqual(['INVALID_INPUT']);
      return res.errors?.[0]?.message ?? '';
    };
    expect(await bad([{ source: 'HUMAN' }])).toContain('give `name`, `evaluator` or both');
    expect(await bad([{ evaluator: encodeGlobalId('Trace', '00000000-0000-7000-8000-000000000000') }])).toContain('Evaluator');
    expect(await bad(Array.from({ length: 11 }, () => ({ name: 'x' })))).toContain('at most 10 score series');
  });

  it("shows another project's key no scores", async () => {
    const project = await createProjectVia(t.server.url, t.server.adminKey, 'score-metrics-other');
    const { secret } = await createKeyVia(t.server.url, t.server.adminKey, { project, role: 'viewer' });
    const [series] = await metrics({ scores: [{ name: 'toxicity' }, { evaluator: evaluatorId }] }, secret);
    expect(series?.points.every((p) => p.scores.length === 1 && p.scores[0]?.count === 0)).toBe(true);
  });
});
