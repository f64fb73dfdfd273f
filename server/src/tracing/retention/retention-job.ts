import { z } from 'zod';
import { defineJob, type WorkerDeps } from '../../jobs/job-definition.js';
import { applyRetention } from './apply-retention.js';

const FIRST_ROUND_MAX_MS = 10_000;

const scheduleNext = (deps: WorkerDeps, delayMs: number) =>
  deps.jobs.send(RETENTION_QUEUE, {}, { singletonKey: 'rounds', startAfter: new Date(Date.now() + delayMs) });

export const RETENTION_QUEUE = 'tracing-retention';

/**
 * Deletes telemetry older than each project's retentionDays, every AGENTLOOP_RETENTION_INTERVAL_MS.
 * The queue's `stately` policy holds at most one waiting and one running round across all
 * processes, so instances never delete in parallel and restarts never pile rounds up. Each round
 * schedules the next before it works, so a failed round (logged, not retried) does not end the chain.
 */
export const retentionJob = defineJob({
  name: RETENTION_QUEUE,
  payload: z.object({}),
  queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 3600 },
  handle: async (_job, deps) => {
    await scheduleNext(deps, deps.config.retentionIntervalMs);
    const deleted = await applyRetention(deps.sql, new Date());
    if (Object.values(deleted).some((n) => n > 0)) deps.logger.info({ deleted }, 'retention deleted old telemetry');
    return { deleted };
  },
  // Refused (null) when a round is already waiting: the chain continues from there.
  onWorkersStarted: async (deps) => {
    await scheduleNext(deps, Math.min(deps.config.retentionIntervalMs, FIRST_ROUND_MAX_MS));
  },
});
