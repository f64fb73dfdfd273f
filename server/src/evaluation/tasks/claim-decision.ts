import type { SqlSession } from '../../db/sql-client.js';
import type { CandidateTargetType } from './candidate-source.js';
import { costCapReason } from './decide-candidates.js';
import type { EvalTaskDeps } from './eval-runtime.js';
import { completeIfDone } from './plan-task.js';

export type ClaimedDecision = {
  id: string;
  targetType: CandidateTargetType;
  targetId: string;
  traceId: string | null;
  /** The attempt this claim is; also the fencing token its result must present. */
  attempts: number;
};

export type Claim =
  /** One to `limit` decisions, each under its own lease. */
  | { kind: 'claimed'; decisions: ClaimedDecision[] }
  /** The task is not RUNNING (paused, cancelled, finished) or gone. */
  | { kind: 'stopped' }
  /** The task's concurrency is in use. */
  | { kind: 'busy' }
  /** Candidates are pending but leased by another worker or waiting for a retry. */
  | { kind: 'waiting' }
  /** Nothing pending; `more` says whether more can come from the planner. */
  | { kind: 'empty'; more: boolean };

/** The task row as claiming needs it, read under its lock or returned by the update holding it. */
export type TaskState = {
  status: string;
  mode: string;
  planned: boolean;
  concurrency: number;
  costCap: number | null;
  cost: number;
  pending: number;
};

/** Columns of TaskState, for SELECT … FOR UPDATE and UPDATE … RETURNING alike. */
export const TASK_STATE_COLUMNS = `status::text AS status, mode::text AS mode, planned, concurrency,
  "costCap"::float8 AS "costCap", cost::float8 AS cost, pending`;

/**
 * Locks the task row for the rest of the transaction. Planning, claiming, recording and cancelling
 * all take it before any decision row: one lock order, so they never deadlock.
 */
export const lockTaskState = async (tx: SqlSession, taskId: string): Promise<TaskState | undefined> =>
  (await tx.query<TaskState>(`SELECT ${TASK_STATE_COLUMNS} FROM "EvalTask" WHERE id = $1 FOR UPDATE`, [taskId]))[0];

/**
 * Pending candidates are OVER_CAP once the cost cap is reached; in-flight ones finish (their cost
 * is already being spent) and are recorded as usual. Returns how many moved and the pending left.
 */
const stopAtCostCap = async (tx: SqlSession, taskId: string, task: TaskState & { costCap: number }) => {
  const [moved] = await tx.query<{ n: number }>(
    `WITH moved AS (
       UPDATE "EvalDecision" SET decision = 'OVER_CAP', reason = $2, "decidedAt" = now(), "retryAfter" = NULL
       WHERE "taskId" = $1 AND decision = 'PENDING' AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" <= now())
       RETURNING 1)
     SELECT count(*)::int AS n FROM moved`,
    [taskId, costCapReason(task.costCap, task.cost)],
  );
  const n = moved?.n ?? 0;
  if (n > 0) {
    await tx.query(
      `UPDATE "EvalTask" SET pending = pending - $2, "overCap" = "overCap" + $2, "updatedAt" = now(), ${completeIfDone('pending - $2')}
       WHERE id = $1`,
      [taskId, n],
    );
  }
  return { overCap: n, pending: task.pending - n };
};

/**
 * Takes up to `limit` pending candidates of a task, each under a lease. The caller's transaction
 * holds the task row (lockTaskState) and passes its current state: the count of live leases is
 * the task's concurrency gate, shared by every worker process, and the row lock makes "count, then
 * lease" atomic across them. One statement counts and leases the whole batch (SKIP LOCKED), so a
 * worker refilling many free slots pays one round trip, not one per candidate.
 */
export const claimLocked = async (
  tx: SqlSession,
  taskId: string,
  task: TaskState,
  leaseMs: number,
  limit: number,
): Promise<{ claim: Claim; overCap: number }> => {
  if (task.status !== 'RUNNING') return { claim: { kind: 'stopped' }, overCap: 0 };
  const { overCap, pending } =
    task.costCap !== null && task.cost >= task.costCap
      ? await stopAtCostCap(tx, taskId, { ...task, costCap: task.costCap })
      : { overCap: 0, pending: task.pending };
  // Under the row lock this statement's snapshot sees every other worker's committed leases.
  const decisions = await tx.query<ClaimedDecision>(
    `WITH room AS (
       SELECT GREATEST(0, LEAST($3::int, $4::int - count(*)::int)) AS n FROM "EvalDecision"
       WHERE "taskId" = $1 AND "leaseExpiresAt" > now()),
     picked AS MATERIALIZED (
       SELECT id FROM "EvalDecision"
       WHERE "taskId" = $1 AND decision = 'PENDING'
         AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" <= now()) AND ("retryAfter" IS NULL OR "retryAfter" <= now())
       LIMIT (SELECT n FROM room) FOR UPDATE SKIP LOCKED)
     UPDATE "EvalDecision" d SET "leaseExpiresAt" = now() + make_interval(secs => $2::float8 / 1000), attempts = d.attempts + 1
     FROM picked WHERE d.id = picked.id
     RETURNING d.id::text, d."targetType"::text AS "targetType", d."targetId", d."traceId", d.attempts`,
    [taskId, leaseMs, limit, task.concurrency],
  );
  if (decisions.length > 0) return { claim: { kind: 'claimed', decisions }, overCap };
  if (pending === 0) return { claim: { kind: 'empty', more: task.mode === 'HISTORICAL' && !task.planned }, overCap };
  const [inFlight] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "EvalDecision" WHERE "taskId" = $1 AND "leaseExpiresAt" > now()`,
    [taskId],
  );
  return { claim: { kind: (inFlight?.n ?? 0) >= task.concurrency ? 'busy' : 'waiting' }, overCap };
};

/** Locks the task and claims up to `limit` candidates in a transaction of its own. */
export const claimDecisions = (deps: Pick<EvalTaskDeps, 'sql'>, taskId: string, leaseMs: number, limit: number) =>
  deps.sql.transaction(async (tx) => {
    const task = await lockTaskState(tx, taskId);
    if (!task) return { claim: { kind: 'stopped' }, overCap: 0 } satisfies { claim: Claim; overCap: number };
    return claimLocked(tx, taskId, task, leaseMs, limit);
  });
