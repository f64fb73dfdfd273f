import type { Score } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { SpanRef } from './span.js';
import { TraceRef } from './trace.js';

export const ScoreSourceEnum = builder.enumType('ScoreSource', {
  values: {
    CODE: { description: 'Computed deterministically by an evaluator.' },
    LLM: { description: 'Judged by a model; judge fields say which, with what prompt version and cost.' },
    HUMAN: { description: 'Added or corrected by a person through the API.' },
  },
});

export const ScoreTargetTypeEnum = builder.enumType('ScoreTargetType', {
  values: ['TRACE', 'SPAN', 'DATASET_RECORD', 'EXPERIMENT_SAMPLE'] as const,
});

const JudgeCallRef = builder.objectRef<Score>('JudgeCall').implement({
  description: 'The model call behind an LLM score.',
  fields: (t) => ({
    model: t.string({ resolve: (score) => score.judgeModel ?? '' }),
    promptName: t.string({ nullable: true, resolve: (score) => score.judgePromptName }),
    promptVersion: t.string({ nullable: true, resolve: (score) => score.judgePromptVersion }),
    inputTokens: t.int({ nullable: true, resolve: (score) => score.inputTokens }),
    outputTokens: t.int({ nullable: true, resolve: (score) => score.outputTokens }),
    cost: t.float({
      nullable: true,
      description: 'US dollars; null when the judge model service has no prices.',
      resolve: (score) => (score.cost === null ? null : Number(score.cost)),
    }),
    latencyMs: t.float({ nullable: true, resolve: (score) => score.latencyMs }),
  }),
});

export const ScoreRef = builder.prismaNode('Score', {
  nullable: true,
  id: { field: 'id' },
  description:
    'A number or a label about one trace or span. A human correction adds a new score and marks this one `supersededBy` it; ' +
    'filters and aggregates read current scores only.',
  findUnique: (id, ctx) => ({ id, AND: [{ projectId: ctx.principal.projectId }] }),
  fields: (t) => ({
    name: t.exposeString('name'),
    value: t.exposeFloat('value', { nullable: true }),
    label: t.exposeString('label', { nullable: true }),
    source: t.expose('source', { type: ScoreSourceEnum }),
    targetType: t.expose('targetType', { type: ScoreTargetTypeEnum }),
    traceId: t.exposeString('traceId', { nullable: true, description: 'OpenTelemetry trace id of the target (or its trace).' }),
    spanId: t.exposeString('spanId', { nullable: true, description: 'OpenTelemetry span id of a SPAN target.' }),
    reasoning: t.exposeString('reasoning', { nullable: true, description: "The evaluator's or judge's explanation." }),
    comment: t.exposeString('comment', { nullable: true, description: "A human's note." }),
    metadata: t.expose('metadata', { type: 'JSON' }),
    judge: t.field({
      type: JudgeCallRef,
      nullable: true,
      resolve: (score) => (score.judgeModel === null ? null : score),
    }),
    trace: t.prismaField({
      type: TraceRef,
      nullable: true,
      resolve: (query, score, _args, ctx) =>
        score.traceId
          ? ctx.prisma.trace.findUnique({
              ...query,
              where: { projectId_traceId: { projectId: score.projectId, traceId: score.traceId } },
            })
          : null,
    }),
    span: t.prismaField({
      type: SpanRef,
      nullable: true,
      resolve: (query, score, _args, ctx) =>
        score.traceId && score.spanId
          ? ctx.prisma.span.findUnique({
              ...query,
              where: { projectId_traceId_spanId: { projectId: score.projectId, traceId: score.traceId, spanId: score.spanId } },
            })
          : null,
    }),
    supersededBy: t.prismaField({
      // By name: the ref cannot name itself inside its own initializer.
      type: 'Score',
      nullable: true,
      description: 'The human correction that replaced this score.',
      resolve: (query, score, _args, ctx) =>
        score.supersededById ? ctx.prisma.score.findUnique({ ...query, where: { id: score.supersededById } }) : null,
    }),
    current: t.boolean({ description: 'Not superseded by a correction.', resolve: (score) => score.supersededById === null }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const currentFirst = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

builder.prismaObjectField(TraceRef, 'scores', (t) =>
  t.prismaField({
    type: [ScoreRef],
    description: 'Current scores of the trace and of its spans, oldest first.',
    args: { includeSuperseded: t.arg.boolean({ defaultValue: false }) },
    resolve: (query, trace, args, ctx) =>
      ctx.prisma.score.findMany({
        ...query,
        where: {
          projectId: trace.projectId,
          traceId: trace.traceId,
          ...(args.includeSuperseded ? {} : { supersededById: null }),
        },
        orderBy: currentFirst,
      }),
  }),
);

builder.prismaObjectField(SpanRef, 'scores', (t) =>
  t.prismaField({
    type: [ScoreRef],
    description: 'Current scores of this span, oldest first.',
    args: { includeSuperseded: t.arg.boolean({ defaultValue: false }) },
    resolve: (query, span, args, ctx) =>
      ctx.prisma.score.findMany({
        ...query,
        where: {
          projectId: span.projectId,
          traceId: span.traceId,
          spanId: span.spanId,
          ...(args.includeSuperseded ? {} : { supersededById: null }),
        },
        orderBy: currentFirst,
      }),
  }),
);
