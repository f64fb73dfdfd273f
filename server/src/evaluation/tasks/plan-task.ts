import { uuidv7 } from '../../datasets/uuid-v7.js';
import type { SqlSession } from '../../db/sql-client.js';
import { candidateSources } from './candidate-sources.js';
import { decideCandidates, type PlannedDecision } from './decide-candidates.js';
import { type EvalTaskDeps, tuningOf } from './eval-runtime.js';
import { planJob, runJobs } from './eval-task-jobs.js';
import { publishTaskProgress } from './task-progress.js';

type LockedTask = {
  projectId: string;
  status: string;
  mode: string;
  cursor: { after: string[] } | null;
  samplingRate: number;
  maxSamples: number | null;
  costCap: number | null;
  cost: number;
  pending: number;
  scored: number;
  failed: number;
  cancelled: number;
  concurrency: number;
};

const KINDS = ['FILTERED_OUT', 'SAMPLED_OUT', 'OVER_CAP', 'PENDING'] as const;

export const lockTask = async (tx: SqlSession, taskId: string) =>
  (
    await tx.query<LockedTask>(
      `SELECT "projectId", status, mode, cursor, "samplingRate", "maxSamples", "costCap"::float8 AS "costCap",
         cost::float8 AS cost, pending, scored, failed, cancelled, concurrency
       FROM "EvalTask" WHERE id = $1 FOR UPDATE`,
      [taskId],
    )
  )[0];

/**
 * SET clauses finishing a HISTORICAL task once everything is planned and nothing is pending.
 * SET expressions see the row before the update, hence the values after it are passed in.
 */
export const completeIfDone = (pendingAfter: string, plannedAfter = 'planned') => {
  const done = `status = 'RUNNING' AND mode = 'HISTORICAL' AND ${plannedAfter} AND ${pendingAfter} = 0`;
  return `status = CASE WHEN ${done} THEN 'COMPLETED'::"EvalTaskStatus" ELSE status END,
    "finishedAt" = CASE WHEN ${done} THEN now() ELSE "finishedAt" END`;
};

const sameCursor = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Records one page of decisions, its counters and the new cursor in one transaction. The cursor
 * read with the page must still be the task's: if another planner moved it, this page is dropped
 * (it would be decided twice otherwise); ON CONFLICT keeps each target decided once regardless.
 */
const recordPage = async (
  tx: SqlSession,
  taskId: string,
  readCursor: unknown,
  page: Awaited<ReturnType<(typeof candidateSources)['TRACES']['page']>>,
) => {
  const task = await lockTask(tx, taskId);
  if (task?.status !== 'RUNNING' || !sameCursor(task.cursor, readCursor)) return null;
  const known = new Set(
    (
      await tx.query<{ targetId: string }>(
        `SELECT "targetId" FROM "EvalDecision" WHERE "taskId" = $1 AND "targetId" = ANY($2::text[])`,
        [taskId, page.map((c) => c.targetId)],
      )
    ).map((row) => row.targetId),
  );
  const decided: PlannedDecision[] = decideCandidates(
    page.filter((c) => !known.has(c.targetId)),
    {
      samplingRate: task.samplingRate,
      maxSamples: task.maxSamples,
      costCap: task.costCap,
      admitted: task.pending + task.scored + task.failed + task.cancelled,
      cost: task.cost,
    },
  );
  if (decided.length > 0) {
    await tx.query(
      `INSERT INTO "EvalDecision" (id, "projectId", "taskId", "targetType", "targetId", "traceId", decision, reason, "decidedAt")
       SELECT u.id, $1, $2, CAST(u.target_type AS "ScoreTargetType"), u.target_id, u.trace_id, CAST(u.decision AS "EvalDecisionKind"),
         u.reason, CASE WHEN u.decision = 'PENDING' THEN NULL ELSE now() END
       FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS u(id, target_type, target_id, trace_id, decision, reason)
       ON CONFLICT ("taskId", "targetId") DO NOTHING`,
      [
        task.projectId,
        taskId,
        decided.map(() => uuidv7()),
        decided.map((d) => d.candidate.targetType),
        decided.map((d) => d.candidate.targetId),
        decided.map((d) => d.candidate.traceId),
        decided.map((d) => d.decision),
        decided.map((d) => d.reason),
      ],
    );
  }
  const counts = Object.fromEntries(KINDS.map((kind) => [kind, decided.filter((d) => d.decision === kind).length]));
  const last = page.at(-1);
  await tx.query(
    `UPDATE "EvalTask" SET "filteredOut" = "filteredOut" + $2, "sampledOut" = "sampledOut" + $3, "overCap" = "overCap" + $4,
       pending = pending + $5, cursor = $6::jsonb, "updatedAt" = now()
     WHERE id = $1`,
    [
      taskId,
      counts.FILTERED_OUT,
      counts.SAMPLED_OUT,
      counts.OVER_CAP,
      counts.PENDING,
      JSON.stringify(last ? { after: last.position } : readCursor),
    ],
  );
  return { projectId: task.projectId, pending: counts.PENDING ?? 0, concurrency: task.concurrency };
};

/** No candidate left after the cursor: a HISTORICAL task is fully planned (and done if nothing is pending). */
const finishPlanning = (tx: SqlSession, taskId: string) =>
  tx.query(
    `UPDATE "EvalTask" SET planned = true, "updatedAt" = now(), ${completeIfDone('pending', 'true')} WHERE id = $1 AND status = 'RUNNING'`,
    [taskId],
  );

/**
 * The planning job: pages the task's candidates after its cursor and records a decision for each,
 * until the source is exhausted, its time budget is spent (then it re-enqueues itself) or too many
 * candidates are pending (then it waits for the evaluators to catch up).
 */
export const planTask = async (deps: EvalTaskDeps, taskId: string, signal?: AbortSignal, now: () => Date = () => new Date()) => {
  const tuning = tuningOf(deps);
  const deadline = Date.now() + tuning.planBudgetMs;
  let startedRuns = false;
  for (;;) {
    // Stopping: the cursor is committed, the next planner (here or elsewhere) continues from it.
    if (signal?.aborted) return;
    const task = await deps.prisma.evalTask.findUnique({ where: { id: taskId } });
    if (task?.status !== 'RUNNING') return;
    if (task.mode === 'HISTORICAL' && task.planned) return;
    if (task.pending >= tuning.maxPending) {
      await deps.jobs.send(...planJob(taskId, 2));
      return;
    }
    const readCursor = task.cursor as { after: string[] } | null;
    const page = await candidateSources[task.dataSource].page(
      deps.prisma,
      task,
      readCursor?.after ?? null,
      tuning.planPageSize,
      now(),
    );
    if (page.length === 0) {
      if (task.mode === 'HISTORICAL') {
        await deps.sql.transaction((tx) => finishPlanning(tx, taskId));
        publishTaskProgress(deps.pubsub, task.projectId, taskId);
      }
      return;
    }
    const recorded = await deps.sql.transaction((tx) => recordPage(tx, taskId, readCursor, page));
    if (!recorded) return;
    publishTaskProgress(deps.pubsub, recorded.projectId, taskId);
    if (recorded.pending > 0 && !startedRuns) {
      startedRuns = true;
      for (const job of runJobs(taskId, recorded.concurrency, tuning.loopsPerRunJob)) await deps.jobs.send(...job);
    }
    if (Date.now() > deadline) {
      await deps.jobs.send(...planJob(taskId));
      return;
    }
  }
};
