import { uuidv7 } from '../../datasets/uuid-v7.js';
import type { SqlSession } from '../../db/sql-client.js';
import type { RecordedScore } from '../../plugins/evaluator-run.js';
import { type ClaimedDecision, TASK_STATE_COLUMNS, type TaskState } from './claim-decision.js';
import type { EvalUsage, LoadedTarget } from './eval-runtime.js';
import { completeIfDone } from './plan-task.js';

export type TaskRef = { id: string; projectId: string; evaluatorId: string };

/** A score committed by a batch, as announced to subscribers. */
export type PublishedScore = { id: string; applicationId: string | null; taskId: string };

/** What became of one evaluation of a claimed decision; the recorder turns a batch of them into rows. */
export type DecisionOutcome =
  | { kind: 'scored'; decision: ClaimedDecision; target: LoadedTarget; scores: RecordedScore[]; usage: EvalUsage }
  /** For good: the candidate's explanation. */
  | { kind: 'failed'; decision: ClaimedDecision; reason: string; usage: EvalUsage }
  /** Retryable (429, timeout): stays PENDING and waits `delayMs` before its next attempt. */
  | { kind: 'retry'; decision: ClaimedDecision; reason: string; delayMs: number; usage: EvalUsage }
  /** Handed back without counting the attempt: the worker is stopping, not the evaluation failing. */
  | { kind: 'release'; decision: ClaimedDecision; usage: EvalUsage };

export type Recorded = {
  /** Decisions this batch settled as SCORED or FAILED (the others were cancelled or re-leased meanwhile). */
  settled: number;
  scores: PublishedScore[];
  /** The task after the counters moved, when there was anything to record. */
  task: TaskState | null;
};

const summary = (scores: RecordedScore[]) =>
  scores
    .map((s) => `${s.name}=${s.value ?? s.label}`)
    .join(', ')
    .slice(0, 500);

type Settling = { decision: ClaimedDecision; kind: 'SCORED' | 'FAILED'; reason: string; cost: number | null };

const settlingOf = (outcome: DecisionOutcome): Settling | null => {
  if (outcome.kind === 'scored') {
    return { decision: outcome.decision, kind: 'SCORED', reason: `scored: ${summary(outcome.scores)}`, cost: outcome.usage.cost };
  }
  if (outcome.kind === 'failed') {
    return { decision: outcome.decision, kind: 'FAILED', reason: outcome.reason.slice(0, 2_000), cost: outcome.usage.cost };
  }
  return null;
};

/**
 * Marks each claimed attempt's decision, only if it is still that attempt's (not cancelled, not
 * re-leased after its lease expired): the attempt number is the fencing token.
 *
 * `d.id = ANY(ids)` repeats the join for the planner: it estimates unnest() at 100 rows and, on
 * PGlite, scanned the task's PENDING decisions each turn (12.7 ms per call under load, 5.1 ms with
 * it: the primary key is used for the batch's few rows). The same holds for retryLater and release.
 */
const settleDecisions = async (tx: SqlSession, taskId: string, settling: Settling[]) => {
  if (settling.length === 0) return new Set<string>();
  const rows = await tx.query<{ id: string }>(
    `UPDATE "EvalDecision" d SET decision = CAST(u.kind AS "EvalDecisionKind"), reason = u.reason, cost = u.cost,
       "decidedAt" = now(), "leaseExpiresAt" = NULL, "retryAfter" = NULL
     FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::numeric[]) AS u(id, attempts, kind, reason, cost)
     WHERE d.id = u.id AND d.id = ANY($2::uuid[]) AND d."taskId" = $1 AND d.decision = 'PENDING' AND d.attempts = u.attempts
     RETURNING d.id::text AS id`,
    [
      taskId,
      settling.map((s) => s.decision.id),
      settling.map((s) => s.decision.attempts),
      settling.map((s) => s.kind),
      settling.map((s) => s.reason),
      settling.map((s) => s.cost),
    ],
  );
  return new Set(rows.map((row) => row.id));
};

const insertScores = async (tx: SqlSession, task: TaskRef, scored: Extract<DecisionOutcome, { kind: 'scored' }>[]) => {
  const rows = scored.flatMap(({ decision, target, scores }) =>
    scores.map((score) => ({
      id: uuidv7(),
      targetType: decision.targetType,
      traceId: target.traceId,
      spanId: target.spanId,
      applicationId: target.applicationId,
      targetId: target.record?.targetId ?? null,
      snapshotId: target.record?.snapshotId ?? null,
      recordVersion: target.record?.version ?? null,
      ...score,
    })),
  );
  if (rows.length === 0) return [];
  await tx.query(
    `INSERT INTO "Score" (id, "projectId", "targetType", "traceId", "spanId", "applicationId", name, value, label, source, reasoning,
       metadata, "evaluatorId", "taskId", "judgeModel", "judgePromptName", "judgePromptVersion", "inputTokens", "outputTokens", cost,
       "latencyMs", "targetId", "snapshotId", "recordVersion")
     SELECT x.id, $2, CAST(x."targetType" AS "ScoreTargetType"), x."traceId", x."spanId", x."applicationId", x.name, x.value, x.label,
       CAST(x.source AS "ScoreSource"), x.reasoning, COALESCE(x.metadata, '{}'::jsonb), $3, $4, x."judgeModel", x."judgePromptName",
       x."judgePromptVersion", x."inputTokens", x."outputTokens", x.cost, x."latencyMs", x."targetId", x."snapshotId", x."recordVersion"
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "targetType" text, "traceId" text, "spanId" text, "applicationId" uuid, name text,
       value float8, label text, source text, reasoning text, metadata jsonb, "judgeModel" text, "judgePromptName" text,
       "judgePromptVersion" text, "inputTokens" int, "outputTokens" int, cost numeric, "latencyMs" float8, "targetId" text,
       "snapshotId" uuid, "recordVersion" int)`,
    [JSON.stringify(rows), task.projectId, task.evaluatorId, task.id],
  );
  return rows.map((row) => ({ id: row.id, applicationId: row.applicationId, taskId: task.id }));
};

const retryLater = async (tx: SqlSession, taskId: string, retries: Extract<DecisionOutcome, { kind: 'retry' }>[]) => {
  if (retries.length === 0) return;
  await tx.query(
    `UPDATE "EvalDecision" d SET "leaseExpiresAt" = NULL, "retryAfter" = now() + make_interval(secs => u.delay / 1000), reason = u.reason
     FROM unnest($2::uuid[], $3::int[], $4::float8[], $5::text[]) AS u(id, attempts, delay, reason)
     WHERE d.id = u.id AND d.id = ANY($2::uuid[]) AND d."taskId" = $1 AND d.decision = 'PENDING' AND d.attempts = u.attempts`,
    [
      taskId,
      retries.map((r) => r.decision.id),
      retries.map((r) => r.decision.attempts),
      retries.map((r) => r.delayMs),
      retries.map((r) => `attempt ${r.decision.attempts} failed, retrying: ${r.reason}`.slice(0, 2_000)),
    ],
  );
};

const release = async (tx: SqlSession, taskId: string, released: Extract<DecisionOutcome, { kind: 'release' }>[]) => {
  if (released.length === 0) return;
  await tx.query(
    `UPDATE "EvalDecision" d SET "leaseExpiresAt" = NULL, attempts = d.attempts - 1
     FROM unnest($2::uuid[], $3::int[]) AS u(id, attempts)
     WHERE d.id = u.id AND d.id = ANY($2::uuid[]) AND d."taskId" = $1 AND d.decision = 'PENDING' AND d.attempts = u.attempts`,
    [taskId, released.map((r) => r.decision.id), released.map((r) => r.decision.attempts)],
  );
};

/**
 * Records a batch of outcomes of one task in the caller's transaction, which holds the task row
 * (lockTaskState): each SCORED decision with its scores, and the task's counters as one aggregated
 * delta, so a score never exists without its decision, nor a decision without its scores, and the
 * counters always agree with the decisions. A result whose decision is no longer its attempt's
 * (cancelled, or re-leased after its lease expired) is discarded; its usage still counts, because
 * the money was spent. Returns the task as the counters left it.
 */
export const recordOutcomes = async (tx: SqlSession, task: TaskRef, outcomes: DecisionOutcome[]): Promise<Recorded> => {
  if (outcomes.length === 0) return { settled: 0, scores: [], task: null };
  const settled = await settleDecisions(
    tx,
    task.id,
    outcomes.flatMap((outcome) => settlingOf(outcome) ?? []),
  );
  const isSettled = (outcome: DecisionOutcome) => settled.has(outcome.decision.id);
  const scores = await insertScores(
    tx,
    task,
    outcomes.filter((o): o is Extract<DecisionOutcome, { kind: 'scored' }> => o.kind === 'scored' && isSettled(o)),
  );
  await retryLater(
    tx,
    task.id,
    outcomes.filter((o) => o.kind === 'retry'),
  );
  await release(
    tx,
    task.id,
    outcomes.filter((o) => o.kind === 'release'),
  );
  const count = (kind: DecisionOutcome['kind']) => outcomes.filter((o) => o.kind === kind && isSettled(o)).length;
  // Unpriced cost (null) adds nothing: the running cost is what is known.
  const sum = (field: keyof EvalUsage) => outcomes.reduce((total, o) => total + (o.usage[field] ?? 0), 0);
  const [after] = await tx.query<TaskState>(
    `UPDATE "EvalTask" SET "inputTokens" = "inputTokens" + $2, "outputTokens" = "outputTokens" + $3, cost = cost + $4,
       pending = pending - $5, scored = scored + $6, failed = failed + $7, "updatedAt" = now(), ${completeIfDone('pending - $5')}
     WHERE id = $1
     RETURNING ${TASK_STATE_COLUMNS}`,
    [task.id, sum('inputTokens'), sum('outputTokens'), sum('cost'), settled.size, count('scored'), count('failed')],
  );
  return { settled: settled.size, scores, task: after ?? null };
};
