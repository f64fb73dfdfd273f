/**
 * The durable queue as eval tasks use it: named jobs with small JSON payloads. The production
 * implementation is the shared pg-boss queue (server/src/jobs); every handler is idempotent and
 * correct under duplicate delivery, because the decisions table (leases, guarded updates), not the
 * queue, is what keeps each candidate decided exactly once.
 */
export interface EvalJobQueue {
  send(name: EvalJobName, data: EvalJobData, options?: { singletonKey?: string; startAfterSeconds?: number }): Promise<void>;
}

export const EVAL_JOBS = {
  /** Pages a task's candidates and records a decision for each. */
  plan: 'eval-task.plan',
  /** Evaluates a task's PENDING candidates with a share of its concurrency. */
  run: 'eval-task.run',
  /** Periodic: re-plans continuous tasks and restarts stalled ones (after a restart, a lost job). */
  tick: 'eval-task.tick',
} as const;

export type EvalJobName = (typeof EVAL_JOBS)[keyof typeof EVAL_JOBS];

export type PlanJobData = { taskId: string };
export type RunJobData = { taskId: string; shard: number };
export type EvalJobData = PlanJobData | RunJobData | Record<string, never>;

export const planJob = (taskId: string, startAfterSeconds?: number) =>
  [EVAL_JOBS.plan, { taskId }, { singletonKey: `plan:${taskId}`, startAfterSeconds }] as const;

export const runJobs = (taskId: string, concurrency: number, loopsPerJob: number) =>
  Array.from(
    { length: Math.ceil(concurrency / loopsPerJob) },
    (_, shard) => [EVAL_JOBS.run, { taskId, shard }, { singletonKey: `run:${taskId}:${shard}` }] as const,
  );

/** Loops a run job's shard gets: the task's concurrency split into shards of loopsPerJob. */
export const loopsOfShard = (concurrency: number, loopsPerJob: number, shard: number) =>
  Math.max(0, Math.min(loopsPerJob, concurrency - shard * loopsPerJob));
