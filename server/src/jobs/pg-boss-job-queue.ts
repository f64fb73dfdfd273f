import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { SqlClient } from '../db/sql-client.js';
import { type JobLoop, startJobLoop } from './job-loop.js';
import type { JobHandler, JobInfo, JobQueue, JobState, QueueOptions, SendOptions, WorkOptions } from './job-queue.js';
import { pgBossDb } from './pg-boss-db.js';

/** pg-boss keeps its tables here, apart from Prisma's (migrations never see them). */
export const JOB_SCHEMA = 'agentloop_jobs';

export type JobQueueDeps = {
  sql: SqlClient;
  logger: Logger;
  /** Default idle poll interval of `work` loops. */
  pollingIntervalMs: number;
  /** Runs pg-boss's maintenance (expiring stuck jobs, archiving) in this process. */
  supervise?: boolean;
};

// pg-boss asserts on keys that are present but undefined; pass only what was given.
const defined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

const bossQueueOptions = (options: QueueOptions = {}) =>
  defined({
    policy: options.policy,
    retryLimit: options.retryLimit,
    retryDelay: options.retryDelaySeconds,
    retryBackoff: options.retryBackoff,
    expireInSeconds: options.expireInSeconds,
  });

const bossSendOptions = (options: Omit<SendOptions, 'tx'> = {}) =>
  defined({
    singletonKey: options.singletonKey,
    startAfter: options.startAfter,
    priority: options.priority,
    retryLimit: options.retryLimit,
    retryDelay: options.retryDelaySeconds,
    retryBackoff: options.retryBackoff,
    expireInSeconds: options.expireInSeconds,
  });

/**
 * Starts the queue on the given database: creates or migrates pg-boss's schema (under its own
 * advisory lock, so processes starting together agree) and returns the JobQueue seam.
 */
export const startJobQueue = async (deps: JobQueueDeps): Promise<JobQueue> => {
  const db = pgBossDb(deps.sql);
  const boss = new PgBoss({
    db,
    schema: JOB_SCHEMA,
    // Our own loops poll (job-loop.ts); pg-boss's cron scheduler is not used.
    schedule: false,
    supervise: deps.supervise ?? true,
    migrate: true,
  });
  boss.on('error', (error) => deps.logger.error({ err: error }, 'job queue error'));
  await boss.start();

  const loops: JobLoop[] = [];
  const running = new Map<string, AbortController>();
  let stopping: Promise<void> | null = null;

  const queue: JobQueue = {
    createQueue: async (name, options) => {
      // createQueue is idempotent in pg-boss (ON CONFLICT DO NOTHING); first options win.
      await boss.createQueue(name, bossQueueOptions(options) as PgBoss.Queue);
    },
    send: async (name, data, options = {}) => {
      const { tx, ...rest } = options;
      return boss.send(name, data, { ...bossSendOptions(rest), ...(tx ? { db: pgBossDb(tx) } : {}) });
    },
    sendMany: async (name, jobs, options = {}) => {
      if (jobs.length === 0) return [];
      // pg-boss 10's insert returns nothing, so the ids are ours (uuid, as pg-boss would make).
      const inserts = jobs.map((job) => ({ id: randomUUID(), name, data: job.data, ...bossSendOptions(job.options) }));
      await boss.insert(inserts as PgBoss.JobInsert[], options.tx ? { db: pgBossDb(options.tx) } : {});
      return inserts.map((job) => job.id);
    },
    work: async <S extends z.ZodType>(name: string, schema: S, options: WorkOptions, handler: JobHandler<z.output<S>>) => {
      if (stopping) throw new Error(`the job queue is stopping; cannot start workers for ${name}`);
      const concurrency = options.concurrency ?? 1;
      for (let i = 0; i < concurrency; i++) {
        loops.push(
          startJobLoop({
            boss,
            name,
            schema,
            batchSize: options.batchSize ?? 1,
            pollingIntervalMs: options.pollingIntervalMs ?? deps.pollingIntervalMs,
            handler,
            running,
            logger: deps.logger,
          }),
        );
      }
    },
    cancel: async (name, id) => {
      await boss.cancel(name, id);
      running.get(id)?.abort(new Error('the job was cancelled'));
    },
    getJob: async (name, id) => {
      const job = (await boss.getJobById(name, id, { includeArchive: true })) as PgBoss.JobWithMetadata | null;
      if (!job) return null;
      const info: JobInfo = {
        id: job.id,
        name: job.name,
        state: job.state as JobState,
        data: job.data,
        retryCount: job.retryCount,
        retryLimit: job.retryLimit,
        output: job.output ?? null,
        createdOn: job.createdOn,
        startedOn: job.startedOn ?? null,
        completedOn: job.completedOn ?? null,
      };
      return info;
    },
    stop: (options = {}) => {
      stopping ??= (async () => {
        const graceful = options.graceful ?? true;
        await Promise.all(loops.map((loop) => loop.stop({ graceful, timeoutMs: options.timeoutMs ?? 30_000 })));
        // Our loops completed or failed every job they took; pg-boss has nothing in progress.
        await boss.stop({ graceful: false, close: false, wait: true });
        db.close();
        await db.drain();
      })();
      return stopping;
    },
  };
  return queue;
};
