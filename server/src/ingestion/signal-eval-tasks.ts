import { evalJobQueue } from '../evaluation/tasks/eval-job-queue.js';
import { tracesCommitted } from '../evaluation/tasks/eval-task-signals.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { TraceApplication } from '../tracing/refresh-traces.js';
import type { OtlpReceiverDeps } from './otlp-receiver-deps.js';

/**
 * After the commit (and the answer): continuous eval tasks of the touched applications plan these
 * traces once they settle. Logged, not returned: the periodic tick catches up on anything missed.
 * The write says which applications the traces belong to; looking up the running continuous tasks
 * of those applications is then the only statement, and none while the project is known to have
 * no running continuous task.
 */
export const signalEvalTasks = async (
  deps: Pick<OtlpReceiverDeps, 'prisma' | 'logger' | 'taskPresence'> & { jobs: Pick<JobQueue, 'send'> },
  projectId: string,
  traces: readonly TraceApplication[],
) => {
  try {
    if (deps.taskPresence && !(await deps.taskPresence.hasRunning(projectId))) return;
    const applicationIds = [...new Set(traces.map((trace) => trace.applicationId))];
    await tracesCommitted({ prisma: deps.prisma, jobs: evalJobQueue(deps.jobs) }, projectId, applicationIds);
  } catch (error) {
    deps.logger.warn({ err: error, projectId }, 'could not signal continuous eval tasks');
  }
};
