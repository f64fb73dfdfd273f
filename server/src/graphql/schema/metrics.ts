import { z } from 'zod';
import { type MetricPoint, type MetricSeries, metricSeries } from '../../tracing/metrics/metric-series.js';
import { attachScores, type ScoreAggregate } from '../../tracing/metrics/score-points.js';
import { scoreCells } from '../../tracing/metrics/score-series.js';
import { BUCKET_SECONDS, countBuckets, MAX_BUCKETS } from '../../tracing/metrics/time-range.js';
import { type TokenAnalysis, type TokenAverages, tokenAnalysis } from '../../tracing/metrics/token-analysis.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { decodeTypedId, rangeSchema } from './metrics-input.js';
import { MAX_SCORE_SERIES, ScoreAggregateRef, ScoreSeriesRequestInput, toScoreSeriesRequests } from './metrics-scores.js';

const MetricBucket = builder.enumType('MetricBucket', {
  description: 'A fixed bucket width, aligned to UTC.',
  values: {
    MINUTE: { value: 'MINUTE' },
    FIVE_MINUTES: { value: 'FIVE_MINUTES' },
    HOUR: { value: 'HOUR' },
    DAY: { value: 'DAY' },
  } as const,
});

const MetricGroupBy = builder.enumType('MetricGroupBy', {
  description:
    'APPLICATION and DEPLOYMENT group traces (a request is a trace); MODEL and SPAN_KIND group spans (a request is a call).',
  values: ['APPLICATION', 'DEPLOYMENT', 'MODEL', 'SPAN_KIND'] as const,
});

const MetricsInput = builder.inputType('MetricsInput', {
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: true, description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', required: true, description: 'Exclusive.' }),
    bucket: t.field({ type: MetricBucket, required: false, description: 'Give either `bucket` or `bucketSeconds`.' }),
    bucketSeconds: t.int({ required: false, description: 'A custom bucket width in seconds, aligned to the Unix epoch.' }),
    groupBy: t.field({ type: MetricGroupBy, required: false, description: 'One series per group; one series in all without.' }),
    application: t.id({ required: false, description: 'Global ID of an Application.' }),
    deployment: t.id({ required: false, description: 'Global ID of a Deployment.' }),
    seriesLimit: t.int({
      required: false,
      defaultValue: 20,
      description: 'Only the groups with the most requests get a series (1..100).',
    }),
    scores: t.field({
      type: [ScoreSeriesRequestInput],
      required: false,
      description:
        'Score aggregates to add to every point (at most 10). A score counts at the start of the trace it is about (or of its span, ' +
        "grouped by MODEL or SPAN_KIND), under that trace's application and deployment, so it lines up with the requests it judged.",
    }),
  }),
  validate: rangeSchema
    .and(
      z.looseObject({
        bucketSeconds: z.number().int().min(1, 'must be at least 1').nullish(),
        seriesLimit: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').nullish(),
        scores: z.array(z.unknown()).max(MAX_SCORE_SERIES, `at most ${MAX_SCORE_SERIES} score series`).nullish(),
      }),
    )
    .superRefine((input, ctx) => {
      const bucket = input.bucket as keyof typeof BUCKET_SECONDS | null | undefined;
      if (Boolean(bucket) === Boolean(input.bucketSeconds)) {
        ctx.addIssue({ code: 'custom', path: ['bucket'], message: 'give exactly one of `bucket` and `bucketSeconds`' });
        return;
      }
      const seconds = bucket ? BUCKET_SECONDS[bucket] : (input.bucketSeconds as number);
      const count = countBuckets(input, seconds);
      if (input.from < input.to && count > MAX_BUCKETS) {
        ctx.addIssue({
          code: 'custom',
          path: ['bucket'],
          message: `the range has ${count} buckets of ${seconds} s; at most ${MAX_BUCKETS} are allowed, choose a larger bucket or a shorter range`,
        });
      }
    }),
});

const MetricsRangeInput = builder.inputType('MetricsRangeInput', {
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: true, description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', required: true, description: 'Exclusive.' }),
    application: t.id({ required: false, description: 'Global ID of an Application.' }),
    deployment: t.id({ required: false, description: 'Global ID of a Deployment.' }),
  }),
  validate: rangeSchema,
});

const scopeOf = (input: { application?: string | null; deployment?: string | null }) => ({
  applicationId: input.application ? decodeTypedId(input.application, 'Application', 'input.application') : null,
  deploymentId: input.deployment ? decodeTypedId(input.deployment, 'Deployment', 'input.deployment') : null,
});

type PointWithScores = MetricPoint & { scores?: ScoreAggregate[] };

const MetricPointRef = builder.objectRef<PointWithScores>('MetricPoint').implement({
  description: 'One bucket of a series; buckets without requests are present with zeros.',
  fields: (t) => ({
    bucket: t.expose('bucket', { type: 'DateTime', description: 'Start of the bucket.' }),
    requests: t.exposeInt('requests'),
    errors: t.exposeInt('errors'),
    latencyP50Ms: t.exposeFloat('latencyP50Ms', { nullable: true, description: 'Null when the bucket has no requests.' }),
    latencyP90Ms: t.exposeFloat('latencyP90Ms', { nullable: true }),
    latencyP99Ms: t.exposeFloat('latencyP99Ms', { nullable: true }),
    inputTokens: t.exposeFloat('inputTokens'),
    outputTokens: t.exposeFloat('outputTokens'),
    cost: t.exposeFloat('cost', { description: 'US dollars; spans without a known price count as 0.' }),
    sessions: t.exposeInt('sessions', { description: 'Distinct sessions seen in the bucket.' }),
    users: t.exposeInt('users', { description: 'Distinct end users seen in the bucket.' }),
    scores: t.field({
      type: [ScoreAggregateRef],
      description: 'One aggregate per requested score name, in request order then by name; empty without `scores`.',
      resolve: (p) => p.scores ?? [],
    }),
  }),
});

type SeriesWithGroup = Omit<MetricSeries, 'points'> & { points: PointWithScores[]; groupBy: string | null };

const MetricSeriesRef = builder.objectRef<SeriesWithGroup>('MetricSeries').implement({
  fields: (t) => ({
    key: t.string({
      description: 'The group: an Application or Deployment global ID, a model name or a span kind; empty when ungrouped.',
      resolve: (s) =>
        s.groupBy === 'APPLICATION' && s.key
          ? encodeGlobalId('Application', s.key)
          : s.groupBy === 'DEPLOYMENT' && s.key
            ? encodeGlobalId('Deployment', s.key)
            : s.key,
    }),
    label: t.exposeString('label', { description: 'Human-readable name of the group.' }),
    points: t.field({ type: [MetricPointRef], resolve: (s) => s.points }),
  }),
});

type MetricsResult = { bucketSeconds: number; series: SeriesWithGroup[] };

const MetricsResultRef = builder.objectRef<MetricsResult>('MetricsResult').implement({
  fields: (t) => ({
    bucketSeconds: t.exposeInt('bucketSeconds'),
    series: t.field({ type: [MetricSeriesRef], resolve: (r) => r.series }),
  }),
});

builder.queryField('metrics', (t) =>
  t.field({
    type: MetricsResultRef,
    authScopes: { viewer: true },
    description: 'Time series of requests, errors, latency, tokens, cost, sessions and users per bucket.',
    args: { input: t.arg({ type: MetricsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const bucketSeconds = input.bucket ? BUCKET_SECONDS[input.bucket] : (input.bucketSeconds as number);
      const requests = toScoreSeriesRequests(input.scores);
      const query = { from: input.from, to: input.to, bucketSeconds, groupBy: input.groupBy, ...scopeOf(input) };
      const series: (MetricSeries & { points: PointWithScores[] })[] = await metricSeries(ctx.prisma, ctx.principal.projectId, {
        ...query,
        seriesLimit: input.seriesLimit ?? 20,
      });
      // Scores follow the groups the request series kept, so both lists line up series by series.
      const withScores =
        requests.length === 0
          ? series
          : attachScores(
              series,
              await scoreCells(ctx.prisma, ctx.principal.projectId, {
                ...query,
                keys: input.groupBy ? series.map((s) => s.key) : null,
                requests,
              }),
              requests,
            );
      return { bucketSeconds, series: withScores.map((s) => ({ ...s, groupBy: input.groupBy ?? null })) };
    },
  }),
);

const MetricTokenAveragesRef = builder.objectRef<TokenAverages>('MetricTokenAverages').implement({
  fields: (t) => ({
    inputTokens: t.exposeFloat('inputTokens'),
    outputTokens: t.exposeFloat('outputTokens'),
    cost: t.exposeFloat('cost', { description: 'US dollars.' }),
  }),
});

const MetricTokenAnalysisRef = builder.objectRef<TokenAnalysis>('MetricTokenAnalysis').implement({
  fields: (t) => ({
    requests: t.exposeInt('requests', { description: 'Traces started in the range.' }),
    sessions: t.exposeInt('sessions'),
    inputTokens: t.exposeFloat('inputTokens'),
    outputTokens: t.exposeFloat('outputTokens'),
    cost: t.exposeFloat('cost', { description: 'US dollars.' }),
    perRequest: t.field({ type: MetricTokenAveragesRef, nullable: true, resolve: (a) => a.perRequest }),
    perSession: t.field({
      type: MetricTokenAveragesRef,
      nullable: true,
      description: 'Over the traces that belong to a session; a session counts only its traces inside the range.',
      resolve: (a) => a.perSession,
    }),
    requestsPerSession: t.exposeFloat('requestsPerSession', { nullable: true }),
  }),
});

builder.queryField('tokenAnalysis', (t) =>
  t.field({
    type: MetricTokenAnalysisRef,
    authScopes: { viewer: true },
    description: 'Token and cost totals with per-request and per-session averages over a range.',
    args: { input: t.arg({ type: MetricsRangeInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      tokenAnalysis(ctx.prisma, ctx.principal.projectId, { from: input.from, to: input.to, ...scopeOf(input) }),
  }),
);
