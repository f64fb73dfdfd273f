import { z } from 'zod';
import { fieldMappingInput } from '../samples/record-field-mapping.js';
import { scoreName } from '../scores/score-rules.js';

const SPAN_KINDS = [
  'LLM',
  'CHAIN',
  'TOOL',
  'RETRIEVER',
  'EMBEDDING',
  'RERANKER',
  'AGENT',
  'GUARDRAIL',
  'EVALUATOR',
  'UNKNOWN',
] as const;
const SPAN_STATUSES = ['UNSET', 'OK', 'ERROR'] as const;
const text = z.string().trim().min(1, 'must not be empty').max(1_000, 'must be at most 1000 characters');

/**
 * The trace filter of a TRACES task: the observability trace filter without application and time
 * range, which the task sets itself. Stored as given (JSON) and parsed again by the planner.
 */
export const taskTraceFilter = z
  .strictObject({
    deploymentId: z.uuid().nullish(),
    status: z.enum(SPAN_STATUSES).nullish(),
    minLatencyMs: z.number().min(0, 'must not be negative').nullish(),
    maxLatencyMs: z.number().min(0, 'must not be negative').nullish(),
    hasError: z.boolean().nullish(),
    sessionId: text.nullish(),
    userId: text.nullish(),
    tags: z.array(text).max(50, 'at most 50 tags').nullish(),
    metadata: z
      .array(z.strictObject({ key: text, value: z.string().max(1_000) }))
      .max(50)
      .nullish(),
    model: text.nullish(),
    text: text.nullish(),
    scores: z
      .array(
        z
          .strictObject({
            name: scoreName,
            op: z.enum(['GT', 'GTE', 'LT', 'LTE', 'EQ', 'NE']).nullish(),
            value: z.number().finite().nullish(),
            label: z.string().nullish(),
          })
          .refine((c) => (c.value == null) !== (c.label == null), {
            message: 'give exactly one of `value` and `label`',
            path: ['value'],
          }),
      )
      .max(20)
      .nullish(),
  })
  .refine((f) => f.minLatencyMs == null || f.maxLatencyMs == null || f.minLatencyMs <= f.maxLatencyMs, {
    message: '`minLatencyMs` must not exceed `maxLatencyMs`',
    path: ['minLatencyMs'],
  });

/** The span filter of a SPANS task, without application and time range. */
export const taskSpanFilter = z.strictObject({
  kinds: z.array(z.enum(SPAN_KINDS)).max(SPAN_KINDS.length).nullish(),
  model: text.nullish(),
  toolName: text.nullish(),
  status: z.enum(SPAN_STATUSES).nullish(),
});

export type TaskTraceFilter = z.output<typeof taskTraceFilter>;
export type TaskSpanFilter = z.output<typeof taskSpanFilter>;

export const MAX_CONCURRENCY = 64;

type SnapshotTaskInput = {
  snapshotId?: string | null;
  applicationId?: string | null;
  traceFilter?: unknown;
  spanFilter?: unknown;
  mode: 'HISTORICAL' | 'CONTINUOUS';
  from?: Date | null;
  to?: Date | null;
};

/**
 * A snapshot task names its snapshot and nothing of traces: a snapshot never changes, so the task
 * is HISTORICAL over all its records, with no application, filter or time range.
 */
const snapshotRules = (input: SnapshotTaskInput, ctx: z.RefinementCtx) => {
  const refuse = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (!input.snapshotId) refuse('snapshot', 'is required for a DATASET_SNAPSHOT task');
  if (input.mode !== 'HISTORICAL') {
    refuse('mode', 'must be HISTORICAL for a DATASET_SNAPSHOT task: a snapshot never changes, so there is nothing to follow');
  }
  if (input.applicationId) refuse('application', 'does not apply to a DATASET_SNAPSHOT task (it evaluates dataset records)');
  if (input.traceFilter) refuse('traceFilter', 'does not apply to a DATASET_SNAPSHOT task (it evaluates dataset records)');
  if (input.spanFilter) refuse('spanFilter', 'does not apply to a DATASET_SNAPSHOT task (it evaluates dataset records)');
  if (input.from) refuse('from', 'does not apply to a DATASET_SNAPSHOT task: it evaluates every record of the snapshot');
  if (input.to) refuse('to', 'does not apply to a DATASET_SNAPSHOT task: it evaluates every record of the snapshot');
};

/** createEvalTask, with global ids already decoded to row ids. */
export const createEvalTaskInput = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    evaluatorId: z.uuid(),
    dataSource: z.enum(['TRACES', 'SPANS', 'DATASET_SNAPSHOT']),
    applicationId: z.uuid().nullish(),
    snapshotId: z.uuid().nullish(),
    fieldMapping: fieldMappingInput.nullish(),
    traceFilter: taskTraceFilter.nullish(),
    spanFilter: taskSpanFilter.nullish(),
    samplingRate: z
      .number()
      .gt(0, 'must be greater than 0 (a task that samples nothing would only record SAMPLED_OUT)')
      .max(1, 'must be at most 1')
      .default(1),
    maxSamples: z.number().int('must be a whole number').min(1, 'must be at least 1').nullish(),
    costCap: z.number().finite().min(0, 'must not be negative').nullish(),
    concurrency: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_CONCURRENCY, `must be at most ${MAX_CONCURRENCY}`)
      .default(4),
    mode: z.enum(['HISTORICAL', 'CONTINUOUS']),
    from: z.date().nullish(),
    to: z.date().nullish(),
    settleSeconds: z
      .number()
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(3_600, 'must be at most 3600')
      .default(5),
  })
  .superRefine((input, ctx) => {
    if (input.dataSource === 'DATASET_SNAPSHOT') {
      snapshotRules(input, ctx);
      return;
    }
    if (!input.applicationId) {
      ctx.addIssue({ code: 'custom', path: ['application'], message: `is required for a ${input.dataSource} task` });
    }
    for (const key of ['snapshotId', 'fieldMapping'] as const) {
      if (input[key]) {
        ctx.addIssue({
          code: 'custom',
          path: [key === 'snapshotId' ? 'snapshot' : key],
          message: `applies to DATASET_SNAPSHOT tasks, not ${input.dataSource}`,
        });
      }
    }
    if (input.dataSource === 'TRACES' && input.spanFilter) {
      ctx.addIssue({ code: 'custom', path: ['spanFilter'], message: 'applies to SPANS tasks; use traceFilter for TRACES' });
    }
    if (input.dataSource === 'SPANS' && input.traceFilter) {
      ctx.addIssue({ code: 'custom', path: ['traceFilter'], message: 'applies to TRACES tasks; use spanFilter for SPANS' });
    }
    if (input.mode === 'HISTORICAL' && !input.from) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required for a HISTORICAL task (the start of the backfill)' });
    }
    if (input.mode === 'CONTINUOUS' && input.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'is not allowed for a CONTINUOUS task; pause or cancel it instead' });
    }
    if (input.from && input.to && input.from >= input.to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: '`from` must be before `to`' });
    }
  });

export type CreateEvalTaskInput = z.input<typeof createEvalTaskInput>;
