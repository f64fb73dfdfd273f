import { actorOf } from '../../auth/principal.js';
import { InvalidInputError } from '../../errors/app-error.js';
import { evalJobQueue } from '../../evaluation/tasks/eval-job-queue.js';
import { cancelEvalTask, createEvalTask, pauseEvalTask, resumeEvalTask } from '../../evaluation/tasks/eval-tasks.js';
import type { EvalTask } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { mutationErrors } from './errors.js';
import { EvalFieldMappingInput } from './eval-field-mapping-input.js';
import { EvalDataSourceEnum, EvalTaskModeEnum, EvalTaskRef } from './eval-task.js';
import { SpanFilterInput, toSpanFilter } from './span-queries.js';
import { idOf, TraceFilterInput, toTraceFilter } from './trace-filter-input.js';

const EvalTaskPayload = builder.objectRef<{ task: EvalTask }>('EvalTaskPayload').implement({
  fields: (t) => ({ task: t.field({ type: EvalTaskRef, resolve: (payload) => payload.task }) }),
});

const CreateEvalTaskInput = builder.inputType('CreateEvalTaskInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    evaluator: t.id({ required: true, description: 'Global ID of an Evaluator.' }),
    dataSource: t.field({ type: EvalDataSourceEnum, required: true }),
    application: t.id({
      required: false,
      description: 'TRACES and SPANS (required): Global ID of the Application whose traces or spans are evaluated.',
    }),
    snapshot: t.id({
      required: false,
      description: 'DATASET_SNAPSHOT (required): Global ID of the DatasetSnapshot whose records are evaluated.',
    }),
    fieldMapping: t.field({
      type: EvalFieldMappingInput,
      required: false,
      description:
        'DATASET_SNAPSHOT: which dataset fields fill the sample. Unmapped parts default to fields named input, output, ' +
        'expected_output and context.',
    }),
    traceFilter: t.field({
      type: TraceFilterInput,
      required: false,
      description:
        'TRACES: only matching traces are evaluated (others are FILTERED_OUT). Application and time range come from the task.',
    }),
    spanFilter: t.field({
      type: SpanFilterInput,
      required: false,
      description: 'SPANS: only matching spans are evaluated. Application and time range come from the task.',
    }),
    samplingRate: t.float({ required: false, description: '(0, 1], default 1. Deterministic by the hash of the target id.' }),
    maxSamples: t.int({ required: false, description: 'At most this many candidates are evaluated; the rest are OVER_CAP.' }),
    costCap: t.float({ required: false, description: 'US dollars; once spent, remaining candidates are OVER_CAP.' }),
    concurrency: t.int({
      required: false,
      description: 'Evaluations in flight at once, across all workers (default 4, at most 64).',
    }),
    mode: t.field({ type: EvalTaskModeEnum, required: true }),
    from: t.field({
      type: 'DateTime',
      required: false,
      description: 'HISTORICAL (required): start of the range. CONTINUOUS: default now.',
    }),
    to: t.field({ type: 'DateTime', required: false, description: 'HISTORICAL: end of the range (default now).' }),
    settleSeconds: t.int({ required: false, description: 'CONTINUOUS: quiet time before a trace is evaluated (default 5).' }),
  }),
});

/** The task takes application and time range itself; a filter naming them again is a mistake worth saying. */
const refuseScopeFields = (prefix: string, filter: Record<string, unknown> | null | undefined) => {
  const taken = ['application', 'from', 'to', 'traceId'].filter((key) => filter?.[key] != null);
  if (taken.length > 0) {
    throw new InvalidInputError(
      taken.map((key) => ({
        path: `${prefix}.${key}`,
        message: 'is set on the task itself (application, from, to), not in its filter',
      })),
    );
  }
};

const withoutNulls = (value: object) => Object.fromEntries(Object.entries(value).filter(([, v]) => v != null));

const deps = (ctx: GraphQLContext) => ({ ...ctx, jobs: evalJobQueue(ctx.jobs), plugins: ctx.plugins });

builder.mutationField('createEvalTask', (t) =>
  t.field({
    type: EvalTaskPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Creates an eval task and starts it.',
    args: { input: t.arg({ type: CreateEvalTaskInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      refuseScopeFields('traceFilter', input.traceFilter);
      refuseScopeFields('spanFilter', input.spanFilter);
      const { applicationId: _a, from: _f, to: _t, ...traceFilter } = toTraceFilter(input.traceFilter);
      const { applicationId: _sa, from: _sf, to: _st, traceId: _tr, ...spanFilter } = toSpanFilter(input.spanFilter);
      const task = await createEvalTask(deps(ctx), ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        name: input.name,
        evaluatorId: idOf(input.evaluator, 'Evaluator', 'evaluator') ?? '',
        dataSource: input.dataSource,
        applicationId: idOf(input.application, 'Application', 'application'),
        snapshotId: idOf(input.snapshot, 'DatasetSnapshot', 'snapshot'),
        fieldMapping: input.fieldMapping,
        traceFilter: input.traceFilter ? withoutNulls(traceFilter) : null,
        spanFilter: input.spanFilter ? withoutNulls(spanFilter) : null,
        samplingRate: input.samplingRate ?? undefined,
        maxSamples: input.maxSamples,
        costCap: input.costCap,
        concurrency: input.concurrency ?? undefined,
        mode: input.mode,
        from: input.from,
        to: input.to,
        settleSeconds: input.settleSeconds ?? undefined,
      });
      return { task };
    },
  }),
);

const transition = (name: string, description: string, run: typeof pauseEvalTask) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: EvalTaskPayload,
      authScopes: { member: true },
      errors: { types: mutationErrors },
      description,
      args: { id: t.arg.id({ required: true, description: 'Global ID of an EvalTask.' }) },
      resolve: async (_root, args, ctx) => {
        const task = await run(
          deps(ctx),
          ctx.principal,
          actorOf(ctx.principal, ctx.requestId),
          idOf(args.id, 'EvalTask', 'id') ?? '',
        );
        return { task };
      },
    }),
  );

transition(
  'pauseEvalTask',
  'Stops taking new candidates; evaluations in flight finish and are recorded. RUNNING tasks only.',
  pauseEvalTask,
);
transition('resumeEvalTask', 'Continues a PAUSED task where it stopped.', resumeEvalTask);
transition(
  'cancelEvalTask',
  'Ends a RUNNING or PAUSED task: pending candidates (also those in flight) are recorded CANCELLED and late results discarded.',
  cancelEvalTask,
);
