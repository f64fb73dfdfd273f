import type { SqlSession } from '../../db/sql-client.js';
import { costCapReason } from './decide-candidates.js';
import type { EvalTaskDeps } from './eval-runtime.js';
import { completeIfDone, lockTask } from './plan-task.js';

export type ClaimedDecision = {
  id: string;
  targetType: 'TRACE' | 'SPAN';
  targetId: string;
  traceId: string | null;
  /** The attempt this claim is; also the fencing token its result must present. */
  attempts: number;
};

export type Claim =
  | { kind: 'claimed'; decision: ClaimedDecision }
  /** The task is not RUNNING (paused, cancelled, finished) or gone. */
  | { kind: 'stopped' }
  /** The task's concurrency is in use. */
  | { kind: 'busy' }
  /** Candidates are pending but leased by another worker or waiting for a retry. */
  | { kind: 'waiting' }
  /** Nothing pending; `planned` says whether more can come from the planner. */
  | { kind: 'empty'; more: boolean };

/**
 * Pending candidates are OVER_CAP once the cost cap is reached; in-flight ones finish (their cost
 * is already being spent) and are recorded as usual.
 */
const stopAtCostCap = async (tx: SqlSession, taskId: string, cap: number, spent: number) => {
  const [moved] = await tx.query<{ n: number }>(
    `WITH moved AS (
       UPDATE "EvalDecision" SET decision = 'OVER_CAP', reason = $2, "decidedAt" = now(), "retryAfter" = NULL
       WHERE "taskId" = $1 AND decision = 'PENDING' AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" <= now())
       RETURNING 1)
     SELECT count(*)::int AS n FROM moved`,
    [taskId, costCapReason(cap, spent)],
  );
  const n = moved?.n ?? 0;
  if (n > 0) {
    await tx.query(
      `UPDATE "EvalTask" SET pending = pending - $2, "overCap" = "overCap" + $2, "updatedAt" = now(), ${completeIfDone('pending - $2')}
       WHERE id = $1`,
      [taskId, n],
    );
  }
  return n;
};

/**
 * Takes the next pending candidate of a task under a lease, in one transaction that holds the task
 * row: the count of live leases is the task's concurrency gate, shared by every worker process.
 */
export const claimNext = async (
  deps: Pick<EvalTaskDeps, 'sql'>,
  taskId: string,
  leaseMs: number,
): Promise<{ claim: Claim; overCap: number }> =>
  deps.sql.transaction(async (tx) => {
    const task = await lockTask(tx, taskId);
    if (task?.status !== 'RUNNING') return { claim: { kind: 'stopped' }, overCap: 0 };
    const overCap =
      task.costCap !== null && task.cost >= task.costCap ? await stopAtCostCap(tx, taskId, task.costCap, task.cost) : 0;
    const [inFlight] = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "EvalDecision" WHERE "taskId" = $1 AND "leaseExpiresAt" > now()`,
      [taskId],
    );
    if ((inFlight?.n ?? 0) >= task.concurrency) return { claim: { kind: 'busy' }, overCap };
    const [claimed] = await tx.query<ClaimedDecision>(
      `UPDATE "EvalDecision" SET "leaseExpiresAt" = now() + make_interval(secs => $2::float8 / 1000), attempts = attempts + 1
       WHERE id = (
         SELECT id FROM "EvalDecision"
         WHERE "taskId" = $1 AND decision = 'PENDING'
           AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" <= now()) AND ("retryAfter" IS NULL OR "retryAfter" <= now())
         LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id::text, "targetType"::text AS "targetType", "targetId", "traceId", attempts`,
      [taskId, leaseMs],
    );
    if (claimed) return { claim: { kind: 'claimed', decision: claimed }, overCap };
    const [state] = await tx.query<{ pending: number; planned: boolean; mode: string }>(
      `SELECT pending, planned, mode::text AS mode FROM "EvalTask" WHERE id = $1`,
      [taskId],
    );
    if ((state?.pending ?? 0) > 0) return { claim: { kind: 'waiting' }, overCap };
    return { claim: { kind: 'empty', more: state?.mode === 'HISTORICAL' && !state.planned }, overCap };
  });
