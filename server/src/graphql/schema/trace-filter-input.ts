import { z } from 'zod';
import { InvalidInputError } from '../../errors/app-error.js';
import type { TraceFilter } from '../../tracing/queries/trace-filter.js';
import { builder } from '../builder.js';
import { decodeGlobalId } from '../global-id.js';
import { SpanStatusEnum } from './span-enums.js';

const MetadataFilterInput = builder.inputType('MetadataFilter', {
  fields: (t) => ({
    key: t.string({ required: true }),
    value: t.string({ required: true, description: 'Compared with the value as text.' }),
  }),
});

/** Shared rules of every time-range and latency-range input. */
export const rangeRules = z
  .looseObject({
    from: z.date().nullish(),
    to: z.date().nullish(),
    minLatencyMs: z.number().min(0, 'must not be negative').nullish(),
    maxLatencyMs: z.number().min(0, 'must not be negative').nullish(),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: '`from` must be before `to`', path: ['from'] })
  .refine((f) => f.minLatencyMs == null || f.maxLatencyMs == null || f.minLatencyMs <= f.maxLatencyMs, {
    message: '`minLatencyMs` must not exceed `maxLatencyMs`',
    path: ['minLatencyMs'],
  });

const ScoreComparisonEnum = builder.enumType('ScoreComparison', {
  values: ['GT', 'GTE', 'LT', 'LTE', 'EQ', 'NE'] as const,
});

const ScoreConditionInput = builder.inputType('ScoreCondition', {
  description: 'Matches traces with a current score of this name (on the trace or one of its spans) meeting the condition.',
  fields: (t) => ({
    name: t.string({ required: true }),
    op: t.field({ type: ScoreComparisonEnum, required: false, description: 'Compares `value`; defaults to EQ.' }),
    value: t.float({ required: false }),
    label: t.string({ required: false, description: 'Instead of `value`: the score has this label.' }),
  }),
  validate: z
    .looseObject({ value: z.number().finite().nullish(), label: z.string().nullish(), op: z.string().nullish() })
    .refine((c) => (c.value == null) !== (c.label == null), {
      message: 'give exactly one of `value` and `label`',
      path: ['value'],
    })
    .refine((c) => c.label == null || c.op == null || c.op === 'EQ', { message: 'labels compare with EQ only', path: ['op'] }),
});

export const TraceFilterInput = builder.inputType('TraceFilter', {
  description: 'All given filters must hold. Times are [from, to) on the trace start.',
  fields: (t) => ({
    application: t.id({ required: false, description: 'Global ID of an Application.' }),
    deployment: t.id({ required: false, description: 'Global ID of a Deployment.' }),
    from: t.field({ type: 'DateTime', required: false, description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Exclusive.' }),
    status: t.field({ type: SpanStatusEnum, required: false }),
    minLatencyMs: t.float({ required: false }),
    maxLatencyMs: t.float({ required: false }),
    hasError: t.boolean({ required: false }),
    sessionId: t.string({ required: false }),
    userId: t.string({ required: false }),
    tags: t.stringList({ required: false, description: 'Traces carrying all of these tags.' }),
    metadata: t.field({ type: [MetadataFilterInput], required: false, description: 'Every key must have its value.' }),
    model: t.string({
      required: false,
      description:
        'A model of the trace (see `Trace.models`), by name or a dated snapshot of it: `gpt-4o` finds `gpt-4o-2024-08-06`, not `gpt-4o-mini`.',
    }),
    text: t.string({ required: false, description: 'Contained in the input or output, case-insensitively.' }),
    scores: t.field({
      type: [ScoreConditionInput],
      required: false,
      description: 'Every condition must hold, e.g. [{ name: "toxicity", op: GT, value: 0.5 }].',
    }),
  }),
  // looseObject: the validated value replaces the input, and the other filter fields must survive.
  validate: rangeRules,
});

/** A global ID of the expected type, as its raw id; any other type is an input error. */
export const idOf = (globalId: string | null | undefined, typename: string, path: string) => {
  if (!globalId) return null;
  const decoded = decodeGlobalId(globalId);
  if (decoded.typename !== typename) throw new InvalidInputError([{ path, message: `is not the ID of a ${typename}` }]);
  return decoded.id;
};

type TraceFilterArg = Omit<TraceFilter, 'applicationId' | 'deploymentId'> & {
  application?: string | null;
  deployment?: string | null;
};

export const toTraceFilter = (input: TraceFilterArg | null | undefined): TraceFilter => {
  if (!input) return {};
  const { application, deployment, ...rest } = input;
  return {
    ...rest,
    applicationId: idOf(application, 'Application', 'filter.application'),
    deploymentId: idOf(deployment, 'Deployment', 'filter.deployment'),
  };
};
