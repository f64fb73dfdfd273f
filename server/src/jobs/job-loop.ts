import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { intervalSeconds } from './interval-seconds.js';
import type { JobContext } from './job-queue.js';

export type JobLoop = { stop(options: { graceful: boolean; timeoutMs: number }): Promise<void> };

type LoopDeps<S extends z.ZodType> = {
  boss: PgBoss;
  name: string;
  schema: S;
  batchSize: number;
  pollingIntervalMs: number;
  handler: (job: JobContext<z.output<S>>) => Promise<unknown>;
  /** Abort controllers of the jobs in flight in this process, by job id (cancel reaches them). */
  running: Map<string, AbortController>;
  logger: Logger;
};

const errorOutput = (error: unknown) =>
  error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { message: String(error) };

/**
 * One polling loop over one queue. We drive pg-boss's fetch/complete/fail ourselves instead of
 * its `work()`: there, completion is fire-and-forget (a database error becomes an unhandled
 * rejection), a busy worker still sleeps a full interval between batches, and handlers get no
 * abort signal. Here a busy loop fetches again at once, an idle one sleeps (interruptibly), and
 * every job is completed or failed before the loop takes the next batch.
 */
export const startJobLoop = <S extends z.ZodType>(deps: LoopDeps<S>): JobLoop => {
  const log = deps.logger.child({ queue: deps.name });
  let stopping = false;
  let wake: (() => void) | null = null;
  const inFlight = new Map<string, AbortController>();

  const runOne = async (job: PgBoss.JobWithMetadata) => {
    const controller = new AbortController();
    inFlight.set(job.id, controller);
    deps.running.set(job.id, controller);
    const expiresMs = intervalSeconds(job.expireIn) * 1000;
    const timer = expiresMs > 0 ? setTimeout(() => controller.abort(new Error('the job expired')), expiresMs) : null;
    timer?.unref();
    try {
      const parsed = deps.schema.safeParse(job.data);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
        throw new Error(`invalid ${deps.name} job payload: ${issues}`);
      }
      const result = await deps.handler({
        id: job.id,
        name: job.name,
        data: parsed.data,
        retryCount: job.retryCount,
        signal: controller.signal,
      });
      const output = result !== null && typeof result === 'object' && !Array.isArray(result) ? result : { value: result ?? null };
      await deps.boss.complete(deps.name, job.id, output as object);
      log.debug({ jobId: job.id }, 'job completed');
    } catch (error) {
      log.warn({ err: error, jobId: job.id, retryCount: job.retryCount }, 'job failed');
      await deps.boss.fail(deps.name, job.id, errorOutput(error));
    } finally {
      if (timer) clearTimeout(timer);
      inFlight.delete(job.id);
      deps.running.delete(job.id);
    }
  };

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, deps.pollingIntervalMs);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopping) {
      let jobs: PgBoss.JobWithMetadata[] = [];
      try {
        jobs = (await deps.boss.fetch(deps.name, { batchSize: deps.batchSize, includeMetadata: true })) ?? [];
      } catch (error) {
        log.error({ err: error }, 'fetching jobs failed');
      }
      if (jobs.length > 0) {
        // Completion/failure errors (database gone) are logged; the supervisor expires the job later.
        await Promise.all(
          jobs.map((job) =>
            runOne(job).catch((error) => log.error({ err: error, jobId: job.id }, 'recording a job result failed')),
          ),
        );
        continue;
      }
      if (!stopping) await sleep();
    }
  })();

  return {
    stop: async ({ graceful, timeoutMs }) => {
      stopping = true;
      wake?.();
      if (!graceful) for (const controller of inFlight.values()) controller.abort(new Error('the worker stopped'));
      const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
      if ((await Promise.race([loop, timedOut])) === 'timeout') {
        // Handlers that ignore their signal cannot be forced; their jobs are failed by whoever
        // finishes first (the handler's fail/complete is a no-op once the job left `active`).
        for (const controller of inFlight.values()) controller.abort(new Error('the worker stopped'));
        const ids = [...inFlight.keys()];
        for (const id of ids) await deps.boss.fail(deps.name, id, { message: 'the worker stopped while the job was active' });
        await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      } else {
        await loop;
      }
    },
  };
};
