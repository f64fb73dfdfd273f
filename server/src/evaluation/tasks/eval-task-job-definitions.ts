import { z } from 'zod';
import { defineJob, type WorkerDeps } from '../../jobs/job-definition.js';
import { modelServiceProvider } from '../../plugins/evaluator-models.js';
import { evalJobQueue } from './eval-job-queue.js';
import type { EvalTaskDeps, EvaluatorHost } from './eval-runtime.js';
import { handleEvalJob } from './eval-task-handlers.js';
import { EVAL_JOBS } from './eval-task-jobs.js';
import { createEvaluatorHost } from './evaluator-host.js';
import { loadTaskSamples } from './sample-loader.js';

const TICK_INTERVAL_MS = 30_000;

const noPlugins: EvaluatorHost = {
  prepare: async () => ({ unavailable: 'this worker process has no plugin host (no plugins loaded)' }),
};

const hosts = new WeakMap<object, EvaluatorHost>();

/** The engine's dependencies in a worker: one evaluator host per plugin registry. */
export const evalTaskDepsOf = (deps: WorkerDeps): EvalTaskDeps => {
  let evaluators = noPlugins;
  if (deps.plugins) {
    evaluators =
      hosts.get(deps.plugins) ??
      createEvaluatorHost({ plugins: deps.plugins, models: modelServiceProvider(deps), logger: deps.logger });
    hosts.set(deps.plugins, evaluators);
  }
  return {
    prisma: deps.prisma,
    sql: deps.sql,
    pubsub: deps.pubsub,
    logger: deps.logger,
    jobs: evalJobQueue(deps.jobs),
    evaluators,
    loadSamples: loadTaskSamples,
  };
};

// `stately`: per singleton key at most one queued and one running job, so signals and the tick
// collapse into one planning job per task, and each run shard runs once at a time.
export const evalPlanJob = defineJob({
  name: EVAL_JOBS.plan,
  payload: z.object({ taskId: z.uuid() }),
  queue: { policy: 'stately', retryLimit: 3, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 600 },
  work: { concurrency: 2 },
  handle: (job, deps) => handleEvalJob(evalTaskDepsOf(deps), EVAL_JOBS.plan, job.data, job.signal),
});

export const evalRunJob = defineJob({
  name: EVAL_JOBS.run,
  payload: z.object({ taskId: z.uuid(), shard: z.number().int().min(0) }),
  queue: { policy: 'stately', retryLimit: 3, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 900 },
  // Run jobs wait on judges, not on the CPU: several tasks' shards share a process.
  work: { concurrency: 8 },
  handle: (job, deps) => handleEvalJob(evalTaskDepsOf(deps), EVAL_JOBS.run, job.data, job.signal),
});

const scheduleTick = (deps: WorkerDeps, delayMs: number) =>
  deps.jobs.send(EVAL_JOBS.tick, {}, { singletonKey: 'tick', startAfter: new Date(Date.now() + delayMs) });

/** Every 30 s: restarts RUNNING tasks' jobs, so a restart or a lost job never strands a task. */
export const evalTickJob = defineJob({
  name: EVAL_JOBS.tick,
  payload: z.object({}),
  queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 300 },
  handle: async (_job, deps) => {
    await scheduleTick(deps, TICK_INTERVAL_MS);
    await handleEvalJob(evalTaskDepsOf(deps), EVAL_JOBS.tick, {});
  },
  onWorkersStarted: async (deps) => {
    await scheduleTick(deps, 1_000);
  },
});

export const EVAL_TASK_JOBS = [evalPlanJob, evalRunJob, evalTickJob];
