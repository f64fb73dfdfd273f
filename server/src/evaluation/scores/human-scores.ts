import { z } from 'zod';
import type { Actor, Principal } from '../../auth/principal.js';
import { auditedTransaction } from '../../domain/audited-transaction.js';
import type { ServiceDeps } from '../../domain/service-deps.js';
import { validate } from '../../domain/validate.js';
import { ConflictError, NotFoundError } from '../../errors/app-error.js';
import type { Prisma, Score } from '../../generated/prisma/client.js';
import { publishScoresCreated } from './publish-scores.js';
import { scoreName, scoreValueFields, valueOrLabel } from './score-rules.js';

/** A human's score about one trace, span or dataset record (row ids, already decoded from global ids). */
const createInput = valueOrLabel(
  z.object({
    target: z.union([z.object({ traceRowId: z.uuid() }), z.object({ spanRowId: z.uuid() }), z.object({ recordRowId: z.uuid() })]),
    name: scoreName,
    ...scoreValueFields,
    comment: z.string().max(10_000, 'must be at most 10000 characters').nullish(),
  }),
);

const correctInput = valueOrLabel(
  z.object({
    scoreId: z.uuid(),
    ...scoreValueFields,
    comment: z.string().max(10_000, 'must be at most 10000 characters').nullish(),
  }),
);

const targetOf = async (tx: Prisma.TransactionClient, projectId: string, target: z.output<typeof createInput>['target']) => {
  if ('traceRowId' in target) {
    const trace = await tx.trace.findFirst({ where: { id: target.traceRowId, projectId } });
    if (!trace) throw new NotFoundError('Trace', target.traceRowId);
    return { targetType: 'TRACE' as const, traceId: trace.traceId, spanId: null, applicationId: trace.applicationId };
  }
  if ('recordRowId' in target) {
    // The version scored is the record's current one: a later edit does not inherit the score's meaning.
    const record = await tx.datasetRecord.findFirst({ where: { id: target.recordRowId, projectId } });
    if (!record) throw new NotFoundError('DatasetRecord', target.recordRowId);
    return {
      targetType: 'DATASET_RECORD' as const,
      traceId: null,
      spanId: null,
      applicationId: null,
      targetId: record.id,
      recordVersion: record.version,
    };
  }
  const span = await tx.span.findFirst({ where: { id: target.spanRowId, projectId } });
  if (!span) throw new NotFoundError('Span', target.spanRowId);
  return { targetType: 'SPAN' as const, traceId: span.traceId, spanId: span.spanId, applicationId: span.applicationId };
};

const summaryOf = (score: Score) => ({
  name: score.name,
  value: score.value,
  label: score.label,
  targetType: score.targetType,
  traceId: score.traceId,
  spanId: score.spanId,
  targetId: score.targetId,
});

export const createHumanScore = async (
  deps: ServiceDeps,
  principal: Principal,
  actor: Actor,
  input: z.input<typeof createInput>,
): Promise<Score> => {
  const data = validate(createInput, input);
  const score = await auditedTransaction(deps, actor, async (tx) => {
    const target = await targetOf(tx, principal.projectId, data.target);
    const score = await tx.score.create({
      data: {
        projectId: principal.projectId,
        ...target,
        name: data.name,
        value: data.value ?? null,
        label: data.label ?? null,
        comment: data.comment ?? null,
        source: 'HUMAN',
        authorApiKeyId: principal.apiKeyId,
      },
    });
    return {
      result: score,
      audit: [
        {
          projectId: principal.projectId,
          action: 'score.create',
          entityType: 'Score',
          entityId: score.id,
          summary: summaryOf(score),
        },
      ],
    };
  });
  publishScoresCreated(deps.pubsub, principal.projectId, [score]);
  return score;
};

/**
 * A correction adds a HUMAN score for the same target and name and marks the corrected one as
 * superseded, in one transaction; the original (and its reasoning) stays readable.
 */
export const correctScore = async (
  deps: ServiceDeps,
  principal: Principal,
  actor: Actor,
  input: z.input<typeof correctInput>,
): Promise<Score> => {
  const data = validate(correctInput, input);
  const score = await auditedTransaction(deps, actor, async (tx) => {
    const original = await tx.score.findFirst({ where: { id: data.scoreId, projectId: principal.projectId } });
    if (!original) throw new NotFoundError('Score', data.scoreId);
    const correction = await tx.score.create({
      data: {
        projectId: principal.projectId,
        targetType: original.targetType,
        traceId: original.traceId,
        spanId: original.spanId,
        targetId: original.targetId,
        snapshotId: original.snapshotId,
        recordVersion: original.recordVersion,
        applicationId: original.applicationId,
        name: original.name,
        value: data.value ?? null,
        label: data.label ?? null,
        comment: data.comment ?? null,
        source: 'HUMAN',
        authorApiKeyId: principal.apiKeyId,
        evaluatorId: original.evaluatorId,
        taskId: original.taskId,
        metadata: { corrects: original.id },
      },
    });
    // Guarded update: two people correcting the same score at once must not both win.
    const { count } = await tx.score.updateMany({
      where: { id: original.id, supersededById: null },
      data: { supersededById: correction.id },
    });
    if (count === 0) throw new ConflictError(`Score ${original.id} was already corrected; correct the newest score instead`);
    return {
      result: correction,
      audit: [
        {
          projectId: principal.projectId,
          action: 'score.correct',
          entityType: 'Score',
          entityId: original.id,
          summary: { before: summaryOf(original), after: summaryOf(correction), correctionId: correction.id },
        },
      ],
    };
  });
  publishScoresCreated(deps.pubsub, principal.projectId, [score]);
  return score;
};
