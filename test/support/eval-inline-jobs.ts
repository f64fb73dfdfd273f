import type { EvalTaskDeps } from '../../server/src/evaluation/tasks/eval-runtime.js';
import { handleEvalJob } from '../../server/src/evaluation/tasks/eval-task-handlers.js';
import type { EvalJobData, EvalJobName, EvalJobQueue } from '../../server/src/evaluation/tasks/eval-task-jobs.js';

type Sent = { name: EvalJobName; data: EvalJobData; singletonKey?: string };

/**
 * A deterministic stand-in for the durable queue in domain tests: jobs run in order when the test
 * drains them; a job whose singleton key is already queued is dropped, as the real queue does.
 */
export const inlineJobs = () => {
  const queued: Sent[] = [];
  const sent: Sent[] = [];
  const jobs: EvalJobQueue = {
    send: async (name, data, options) => {
      const job = { name, data, singletonKey: options?.singletonKey };
      sent.push(job);
      if (job.singletonKey && queued.some((q) => q.singletonKey === job.singletonKey)) return;
      queued.push(job);
    },
  };
  return {
    jobs,
    sent,
    queued,
    /** Runs queued jobs (and what they enqueue) until none is left. */
    drain: async (deps: EvalTaskDeps, maxJobs = 1_000) => {
      for (let i = 0; i < maxJobs; i++) {
        const job = queued.shift();
        if (!job) return i;
        await handleEvalJob(deps, job.name, job.data);
      }
      throw new Error(`still ${queued.length} jobs after ${maxJobs}`);
    },
  };
};
