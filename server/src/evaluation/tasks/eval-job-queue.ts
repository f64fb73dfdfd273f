import type { JobQueue } from '../../jobs/job-queue.js';
import type { EvalJobQueue } from './eval-task-jobs.js';

/** Eval tasks' view of the shared durable queue. */
export const evalJobQueue = (jobs: Pick<JobQueue, 'send'>): EvalJobQueue => ({
  send: async (name, data, options = {}) => {
    await jobs.send(name, data, {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfterSeconds ? { startAfter: new Date(Date.now() + options.startAfterSeconds * 1000) } : {}),
    });
  },
});
