import type { EvalTask } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { ApplicationRef, loadApplications } from './application.js';

export const EvalTaskModeEnum = builder.enumType('EvalTaskMode', {
  values: {
    HISTORICAL: { description: 'Backfills a time range, then completes.' },
    CONTINUOUS: { description: 'Evaluates new traces or spans as they are ingested, until paused or cancelled.' },
  },
});

export const EvalTaskStatusEnum = builder.enumType('EvalTaskStatus', {
  values: ['RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED'] as const,
});

export const EvalDataSourceEnum = builder.enumType('EvalDataSource', {
  description: 'Where candidates come from; experiment outputs join later.',
  values: {
    TRACES: { description: "An application's traces." },
    SPANS: { description: "An application's spans." },
    DATASET_SNAPSHOT: {
      description: "A dataset snapshot's records, at the versions it froze; scores attach to the records (HISTORICAL only).",
    },
  },
});

export const EvalDecisionKindEnum = builder.enumType('EvalDecisionKind', {
  description: 'Why a candidate was or was not evaluated.',
  values: {
    FILTERED_OUT: { description: "Did not match the task's filter; the reason names the conditions." },
    SAMPLED_OUT: { description: 'Outside the sample (deterministic by the hash of the target id).' },
    OVER_CAP: { description: 'maxSamples or the cost cap was reached.' },
    PENDING: { description: 'Waiting for (or in) evaluation.' },
    SCORED: { description: 'Evaluated; its scores are recorded.' },
    FAILED: { description: 'The evaluation failed; the reason says why (after retries where retrying could help).' },
    CANCELLED: { description: 'The task was cancelled before a result was recorded.' },
  },
});

const EvalDecisionCountsRef = builder.objectRef<EvalTask>('EvalDecisionCounts').implement({
  description: 'Candidates per decision; always consistent with the recorded decisions.',
  fields: (t) => ({
    filteredOut: t.exposeInt('filteredOut'),
    sampledOut: t.exposeInt('sampledOut'),
    overCap: t.exposeInt('overCap'),
    pending: t.exposeInt('pending'),
    scored: t.exposeInt('scored'),
    failed: t.exposeInt('failed'),
    cancelled: t.exposeInt('cancelled'),
    total: t.int({
      description: 'Candidates decided or pending so far.',
      resolve: (task) =>
        task.filteredOut + task.sampledOut + task.overCap + task.pending + task.scored + task.failed + task.cancelled,
    }),
  }),
});

const totalOf = (task: EvalTask) =>
  task.filteredOut + task.sampledOut + task.overCap + task.pending + task.scored + task.failed + task.cancelled;

export const EvalTaskRef = builder.prismaNode('EvalTask', {
  nullable: true,
  id: { field: 'id' },
  description:
    'Runs one evaluator over the traces or spans of an application and records, for every candidate, ' +
    'whether it was filtered out, sampled out, over a cap, scored or failed, and why.',
  findUnique: (id, ctx) => ({ id, AND: [{ projectId: ctx.principal.projectId }] }),
  fields: (t) => ({
    name: t.exposeString('name'),
    evaluatorId: t.id({
      description: 'Global ID of the Evaluator the task runs.',
      resolve: (task) => encodeGlobalId('Evaluator', task.evaluatorId),
    }),
    dataSource: t.expose('dataSource', { type: EvalDataSourceEnum }),
    application: t.loadable({
      type: ApplicationRef,
      nullable: true,
      load: loadApplications,
      resolve: (task) => task.applicationId,
    }),
    filter: t.expose('filter', { type: 'JSON', description: 'The trace filter (TRACES) or span filter (SPANS) as given.' }),
    fieldMapping: t.expose('fieldMapping', {
      type: 'JSON',
      nullable: true,
      description:
        'DATASET_SNAPSHOT: sample part (input, output, expectedOutput, context, tools, toolCalls, trajectory) → ' +
        'dataset field or dot path, and the fields copied into metadata, with defaults filled in when the task was created.',
    }),
    samplingRate: t.exposeFloat('samplingRate'),
    maxSamples: t.exposeInt('maxSamples', { nullable: true }),
    costCap: t.float({
      nullable: true,
      description: 'US dollars.',
      resolve: (task) => (task.costCap === null ? null : Number(task.costCap)),
    }),
    concurrency: t.exposeInt('concurrency'),
    mode: t.expose('mode', { type: EvalTaskModeEnum }),
    from: t.expose('fromTime', { type: 'DateTime', nullable: true, description: 'Candidates started at or after.' }),
    to: t.expose('toTime', { type: 'DateTime', nullable: true, description: 'Candidates started before (HISTORICAL).' }),
    settleSeconds: t.exposeInt('settleSeconds', {
      description: 'CONTINUOUS: a trace is evaluated once nothing was written to it for this long, so late spans are included.',
    }),
    status: t.expose('status', { type: EvalTaskStatusEnum }),
    statusReason: t.exposeString('statusReason', { nullable: true }),
    counts: t.field({ type: EvalDecisionCountsRef, resolve: (task) => task }),
    planned: t.exposeBoolean('planned', { description: 'HISTORICAL: every candidate of the range has a decision.' }),
    progress: t.float({
      nullable: true,
      description:
        'HISTORICAL: share of candidates with a final decision (0–1), once planning finished; null before and for CONTINUOUS.',
      resolve: (task) => {
        if (task.mode !== 'HISTORICAL' || !task.planned) return null;
        const total = totalOf(task);
        return total === 0 ? 1 : (total - task.pending) / total;
      },
    }),
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
    cost: t.float({ description: 'US dollars spent by the judge so far.', resolve: (task) => Number(task.cost) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  }),
});

export const EvalDecisionRef = builder.prismaNode('EvalDecision', {
  nullable: true,
  id: { field: 'id' },
  description: 'Why one candidate of an eval task was or was not evaluated.',
  findUnique: (id, ctx) => ({ id, AND: [{ projectId: ctx.principal.projectId }] }),
  fields: (t) => ({
    task: t.relation('task'),
    targetType: t.exposeString('targetType', { description: 'TRACE, SPAN or DATASET_RECORD.' }),
    targetId: t.exposeString('targetId', {
      description: 'The trace id (TRACE), the span row id (SPAN) or the record id (DATASET_RECORD).',
    }),
    datasetRecordId: t.id({
      nullable: true,
      description: 'DATASET_RECORD: Global ID of the DatasetRecord.',
      resolve: (decision) =>
        decision.targetType === 'DATASET_RECORD' ? encodeGlobalId('DatasetRecord', decision.targetId) : null,
    }),
    traceId: t.exposeString('traceId', { nullable: true, description: 'OpenTelemetry trace id of the target.' }),
    decision: t.expose('decision', { type: EvalDecisionKindEnum }),
    reason: t.exposeString('reason', { nullable: true }),
    attempts: t.exposeInt('attempts'),
    cost: t.float({ nullable: true, resolve: (decision) => (decision.cost === null ? null : Number(decision.cost)) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
  }),
});
