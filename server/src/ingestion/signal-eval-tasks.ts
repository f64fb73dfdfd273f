import { evalJobQueue } from '../evaluation/tasks/eval-job-queue.js';
import { tracesCommitted } from '../evaluation/tasks/eval-task-signals.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { OtlpReceiverDeps } from './otlp-receiver-deps.js';

/**
 * After the commit (and the answer): continuous eval tasks of the touched applications plan these
 * traces once they settle. Logged, not returned: the periodic tick catches up on anything missed.
 */
export const signalEvalTasks = async (
  deps: Pick<OtlpReceiverDeps, 'prisma' | 'sql' | 'logger'> & { jobs: Pick<JobQueue, 'send'> },
  projectId: string,
  traceIds: string[],
) => {
  try {
    // Most projects have no continuous task: one indexed lookup, nothing else.
    const running = await deps.prisma.evalTask.count({ where: { projectId, mode: 'CONTINUOUS', status: 'RUNNING' } });
    if (running === 0) return;
    const applications = await deps.sql.query<{ applicationId: string }>(
      `SELECT DISTINCT "applicationId" FROM "Trace" WHERE "projectId" = $1 AND "traceId" = ANY($2::text[])`,
      [projectId, traceIds],
    );
    await tracesCommitted(
      { prisma: deps.prisma, jobs: evalJobQueue(deps.jobs) },
      projectId,
      applications.map((a) => a.applicationId),
    );
  } catch (error) {
    deps.logger.warn({ err: error, projectId }, 'could not signal continuous eval tasks');
  }
};
