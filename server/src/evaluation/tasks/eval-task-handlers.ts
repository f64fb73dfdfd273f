import type { EvalTaskDeps } from './eval-runtime.js';
import { EVAL_JOBS, type EvalJobData, type EvalJobName } from './eval-task-jobs.js';
import { evalTaskTick } from './eval-task-signals.js';
import { planTask } from './plan-task.js';
import { runTask } from './run-task.js';

/** Runs one eval-task job; the queue's job definitions and tests dispatch through it. */
/** `signal` is the job's: aborted when the process stops; work in flight is handed back, not lost. */
export const handleEvalJob = async (deps: EvalTaskDeps, name: EvalJobName, data: EvalJobData, signal?: AbortSignal) => {
  if (name === EVAL_JOBS.plan && 'taskId' in data) return planTask(deps, data.taskId, signal);
  if (name === EVAL_JOBS.run && 'shard' in data) return runTask(deps, data.taskId, data.shard, signal);
  if (name === EVAL_JOBS.tick) return evalTaskTick(deps);
  throw new Error(`unknown eval job ${name} with ${JSON.stringify(data)}`);
};
