import { z } from 'zod';
import type { ScoreAggregate, ScoreLabelCount } from '../../tracing/metrics/score-points.js';
import type { ScoreSeriesRequest } from '../../tracing/metrics/score-series.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { decodeTypedId } from './metrics-input.js';
import { ScoreSourceEnum } from './score.js';

/** A dashboard asks for a handful of score lines, not hundreds. */
export const MAX_SCORE_SERIES = 10;

export const ScoreSeriesRequestInput = builder.inputType('ScoreSeriesRequest', {
  description:
    'Current scores to aggregate per bucket: by name, by the evaluator that wrote them, or both; optionally of one source.',
  fields: (t) => ({
    name: t.string({ required: false }),
    evaluator: t.id({ required: false, description: 'Global ID of an Evaluator.' }),
    source: t.field({
      type: ScoreSourceEnum,
      required: false,
      description: "The current score's source: a human's correction of an LLM score is HUMAN.",
    }),
  }),
  validate: z
    .looseObject({ name: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters').nullish() })
    .refine((r) => Boolean(r.name) || Boolean(r.evaluator), {
      message: 'give `name`, `evaluator` or both',
      path: ['name'],
    }),
});

type ScoreSeriesRequestArg = { name?: string | null; evaluator?: string | null; source?: ScoreSeriesRequest['source'] };

/** Raw evaluator ids; an Evaluator ID of another project simply matches no score. */
export const toScoreSeriesRequests = (requests: readonly ScoreSeriesRequestArg[] | null | undefined): ScoreSeriesRequest[] =>
  (requests ?? []).map((r, i) => ({
    name: r.name ?? null,
    evaluatorId: r.evaluator ? decodeTypedId(r.evaluator, 'Evaluator', `input.scores.${i}.evaluator`) : null,
    source: r.source ?? null,
  }));

const ScoreLabelCountRef = builder.objectRef<ScoreLabelCount>('ScoreLabelCount').implement({
  fields: (t) => ({ label: t.exposeString('label'), count: t.exposeInt('count') }),
});

type ScoreStatistics = Pick<ScoreAggregate, 'count' | 'avg' | 'min' | 'max' | 'p50' | 'p90' | 'labels'>;

/** What every aggregate of scores says, wherever it is grouped (a metrics bucket, a snapshot's task). */
export const ScoreStatisticsRef = builder.interfaceRef<ScoreStatistics>('ScoreStatistics').implement({
  description: 'Count, numeric statistics and label counts of a set of current scores.',
  fields: (t) => ({
    count: t.exposeInt('count', { description: 'Scores, numeric and labelled.' }),
    avg: t.exposeFloat('avg', { nullable: true, description: 'Of the numeric values; null when there are none.' }),
    min: t.exposeFloat('min', { nullable: true }),
    max: t.exposeFloat('max', { nullable: true }),
    p50: t.exposeFloat('p50', { nullable: true, description: 'Median, interpolated (percentile_cont).' }),
    p90: t.exposeFloat('p90', { nullable: true }),
    labels: t.field({
      type: [ScoreLabelCountRef],
      description: 'Counts per label, most frequent first.',
      resolve: (a) => a.labels,
    }),
  }),
});

export const ScoreAggregateRef = builder.objectRef<ScoreAggregate>('ScoreAggregate').implement({
  interfaces: [ScoreStatisticsRef],
  description:
    'Current scores of one name in one bucket. Every point of a result lists the same aggregates (count 0 where the bucket has none).',
  fields: (t) => ({
    request: t.exposeInt('request', { description: 'Index of the request in `MetricsInput.scores`.' }),
    name: t.exposeString('name'),
    evaluator: t.id({
      nullable: true,
      description: 'The Evaluator the request named.',
      resolve: (a) => (a.evaluatorId ? encodeGlobalId('Evaluator', a.evaluatorId) : null),
    }),
    source: t.field({ type: ScoreSourceEnum, nullable: true, resolve: (a) => a.source }),
  }),
});
