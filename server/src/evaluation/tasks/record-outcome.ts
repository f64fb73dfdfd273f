import type { ScoreResult } from '@agentloop/plugin-sdk';
import { uuidv7 } from '../../datasets/uuid-v7.js';
import type { SqlSession } from '../../db/sql-client.js';
import type { ClaimedDecision } from './claim-decision.js';
import type { EvalUsage, LoadedTarget } from './eval-runtime.js';
import { completeIfDone } from './plan-task.js';

export type TaskRef = { id: string; projectId: string; evaluatorId: string };

export type Recorded = { recorded: boolean; scores: { id: string; applicationId: string | null; taskId: string }[] };

/** Marks the claimed attempt's decision, only if it is still this attempt's (not cancelled, not re-leased). */
const settleDecision = async (
  tx: SqlSession,
  decision: ClaimedDecision,
  kind: 'SCORED' | 'FAILED',
  reason: string | null,
  cost: number,
) =>
  (
    await tx.query(
      `UPDATE "EvalDecision" SET decision = CAST($3 AS "EvalDecisionKind"), reason = $4, cost = $5, "decidedAt" = now(),
         "leaseExpiresAt" = NULL, "retryAfter" = NULL
       WHERE id = $1 AND decision = 'PENDING' AND attempts = $2
       RETURNING id`,
      [decision.id, decision.attempts, kind, reason, cost],
    )
  ).length === 1;

/** Usage always counts (the money was spent), even when the result itself is discarded. */
const addUsage = (tx: SqlSession, taskId: string, usage: EvalUsage, counter: 'scored' | 'failed' | null) =>
  tx.query(
    `UPDATE "EvalTask" SET "inputTokens" = "inputTokens" + $2, "outputTokens" = "outputTokens" + $3, cost = cost + $4,
       "updatedAt" = now()
       ${counter ? `, pending = pending - 1, "${counter}" = "${counter}" + 1, ${completeIfDone('pending - 1')}` : ''}
     WHERE id = $1`,
    [taskId, usage.inputTokens, usage.outputTokens, usage.cost],
  );

/** A judge's share of the evaluation's priced cost, when the plugin did not price it itself. */
const scoreCost = (score: ScoreResult, usage: EvalUsage) => {
  if (!score.judge) return null;
  if (score.judge.costUsd !== undefined) return score.judge.costUsd;
  const total = usage.inputTokens + usage.outputTokens;
  if (total === 0 || usage.cost === 0) return null;
  return (usage.cost * (score.judge.inputTokens + score.judge.outputTokens)) / total;
};

const summary = (scores: ScoreResult[]) =>
  scores
    .map((s) => `${s.name}=${s.value ?? s.label}`)
    .join(', ')
    .slice(0, 500);

/**
 * SCORED decision, its scores and the task's counters in one transaction: a score never exists
 * without its decision, nor a decision without its scores.
 */
export const recordScored = async (
  tx: SqlSession,
  task: TaskRef,
  decision: ClaimedDecision,
  target: LoadedTarget,
  scores: ScoreResult[],
  usage: EvalUsage,
): Promise<Recorded> => {
  if (!(await settleDecision(tx, decision, 'SCORED', `scored: ${summary(scores)}`, usage.cost))) {
    await addUsage(tx, task.id, usage, null);
    return { recorded: false, scores: [] };
  }
  const rows = scores.map((score) => ({
    id: uuidv7(),
    name: score.name,
    value: score.value ?? null,
    label: score.label ?? null,
    source: score.judge ? 'LLM' : 'CODE',
    reasoning: score.reasoning ?? null,
    metadata: score.metadata ?? {},
    judgeModel: score.judge?.model ?? null,
    judgePromptName: score.judge?.promptName ?? null,
    judgePromptVersion: score.judge?.promptVersion ?? null,
    inputTokens: score.judge?.inputTokens ?? null,
    outputTokens: score.judge?.outputTokens ?? null,
    cost: scoreCost(score, usage),
    latencyMs: score.judge?.latencyMs ?? null,
  }));
  await tx.query(
    `INSERT INTO "Score" (id, "projectId", "targetType", "traceId", "spanId", "applicationId", name, value, label, source, reasoning,
       metadata, "evaluatorId", "taskId", "judgeModel", "judgePromptName", "judgePromptVersion", "inputTokens", "outputTokens", cost,
       "latencyMs")
     SELECT x.id, $2, CAST($3 AS "ScoreTargetType"), $4, $5, $6, x.name, x.value, x.label, CAST(x.source AS "ScoreSource"), x.reasoning,
       COALESCE(x.metadata, '{}'::jsonb), $7, $8, x."judgeModel", x."judgePromptName", x."judgePromptVersion", x."inputTokens",
       x."outputTokens", x.cost, x."latencyMs"
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, name text, value float8, label text, source text, reasoning text, metadata jsonb,
       "judgeModel" text, "judgePromptName" text, "judgePromptVersion" text, "inputTokens" int, "outputTokens" int, cost numeric,
       "latencyMs" float8)`,
    [
      JSON.stringify(rows),
      task.projectId,
      decision.targetType,
      target.traceId,
      target.spanId,
      target.applicationId,
      task.evaluatorId,
      task.id,
    ],
  );
  await addUsage(tx, task.id, usage, 'scored');
  return { recorded: true, scores: rows.map((row) => ({ id: row.id, applicationId: target.applicationId, taskId: task.id })) };
};

/** FAILED with the reason, for good: the candidate's explanation. */
export const recordFailed = async (
  tx: SqlSession,
  task: TaskRef,
  decision: ClaimedDecision,
  reason: string,
  usage: EvalUsage,
) => {
  const recorded = await settleDecision(tx, decision, 'FAILED', reason.slice(0, 2_000), usage.cost);
  await addUsage(tx, task.id, usage, recorded ? 'failed' : null);
  return { recorded, scores: [] } satisfies Recorded;
};

/** A retryable failure: the candidate stays PENDING and waits `delayMs` before its next attempt. */
export const recordRetry = async (
  tx: SqlSession,
  task: TaskRef,
  decision: ClaimedDecision,
  reason: string,
  delayMs: number,
  usage: EvalUsage,
) => {
  const rows = await tx.query(
    `UPDATE "EvalDecision" SET "leaseExpiresAt" = NULL, "retryAfter" = now() + make_interval(secs => $3::float8 / 1000),
       reason = $4
     WHERE id = $1 AND decision = 'PENDING' AND attempts = $2
     RETURNING id`,
    [decision.id, decision.attempts, delayMs, `attempt ${decision.attempts} failed, retrying: ${reason}`.slice(0, 2_000)],
  );
  await addUsage(tx, task.id, usage, null);
  return { recorded: rows.length === 1, scores: [] } satisfies Recorded;
};

/** Hands a claim back without counting the attempt: the worker is stopping, not the evaluation failing. */
export const releaseClaim = async (tx: SqlSession, task: TaskRef, decision: ClaimedDecision, usage: EvalUsage) => {
  await tx.query(
    `UPDATE "EvalDecision" SET "leaseExpiresAt" = NULL, attempts = attempts - 1
     WHERE id = $1 AND decision = 'PENDING' AND attempts = $2`,
    [decision.id, decision.attempts],
  );
  await addUsage(tx, task.id, usage, null);
  return { recorded: false, scores: [] } satisfies Recorded;
};
