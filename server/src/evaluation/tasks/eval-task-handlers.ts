import type { EvalTaskDeps } from './eval-runtime.js';
import { EVAL_JOBS, type EvalJobData, type EvalJobName } from './eval-task-jobs.js';
import { evalTaskTick } from './eval-task-signals.js';
import { planTask } from './plan-task.js';
import { runTask } from './run-task.js';

/** Runs one eval-task job; the queue's job definitions and tests dispatch through it. */
export const handleEvalJob = async (deps: EvalTaskDeps, name: EvalJobName, data: EvalJobData) => {
  if (name === EVAL_JOBS.plan && 'taskId' in data) return planTask(deps, data.taskId);
  if (name === EVAL_JOBS.run && 'shard' in data) return runTask(deps, data.taskId, data.shard);
  if (name === EVAL_JOBS.tick) return evalTaskTick(deps);
  throw new Error(`unknown eval job ${name} with ${JSON.stringify(data)}`);
};
