import type { PrismaClient } from '../../generated/prisma/client.js';
import type { EvalJobQueue } from './eval-task-jobs.js';
import { planJob } from './eval-task-jobs.js';
import { scheduleTask } from './eval-tasks.js';

/**
 * Called after an OTLP batch is committed: continuous tasks of the touched applications plan again
 * once the batch has settled (settleSeconds without writes), so late spans are part of the sample.
 * The singleton key debounces a stream of batches into one planning job per task.
 */
export const tracesCommitted = async (
  deps: { prisma: PrismaClient; jobs: EvalJobQueue },
  projectId: string,
  applicationIds: string[],
) => {
  if (applicationIds.length === 0) return;
  const tasks = await deps.prisma.evalTask.findMany({
    where: { projectId, mode: 'CONTINUOUS', status: 'RUNNING', applicationId: { in: applicationIds } },
    select: { id: true, settleSeconds: true },
  });
  for (const task of tasks) await deps.jobs.send(...planJob(task.id, task.settleSeconds + 1));
};

/**
 * The periodic safety net: after a restart, a lost job or a missed signal, every RUNNING task gets
 * its planning and evaluation jobs again. Duplicates are harmless (handlers are idempotent).
 */
export const evalTaskTick = async (deps: { prisma: PrismaClient; jobs: EvalJobQueue }) => {
  const tasks = await deps.prisma.evalTask.findMany({
    where: { status: 'RUNNING' },
    select: { id: true, concurrency: true, pending: true },
  });
  for (const task of tasks) await scheduleTask(deps.jobs, task);
};
