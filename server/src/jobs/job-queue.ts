import type { z } from 'zod';
import type { SqlSession } from '../db/sql-client.js';

/**
 * How a queue treats its jobs. `standard`: any number of jobs. `singleton`: at most one active job
 * per singleton key. `stately`: at most one job per state (queued, retrying, active) per singleton
 * key, so a scheduled job cannot pile up. `short`: at most one queued job per singleton key.
 */
export type QueuePolicy = 'standard' | 'short' | 'singleton' | 'stately';

/** Set once per queue name, when the queue is first created; later calls keep the first options. */
export type QueueOptions = {
  policy?: QueuePolicy;
  /** Attempts after the first failure before the job ends `failed`. */
  retryLimit?: number;
  /** Seconds before the first retry. */
  retryDelaySeconds?: number;
  /** Doubles the delay on each retry (with jitter). */
  retryBackoff?: boolean;
  /** An active job older than this is failed (and retried) by the queue's supervisor; its signal aborts. */
  expireInSeconds?: number;
};

export type SendOptions = {
  /** With a singleton/stately/short queue: which jobs count as "the same". */
  singletonKey?: string;
  /** Not before this moment. */
  startAfter?: Date;
  priority?: number;
  /** Per job, overriding the queue's. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
  /**
   * Enqueue inside this transaction (from `sql.transaction`), so the job exists exactly when the
   * rows that asked for it were committed.
   */
  tx?: SqlSession;
};

export type WorkOptions = {
  /** Jobs fetched per poll by each concurrent loop. */
  batchSize?: number;
  /** Parallel fetch loops in this process (jobs in flight ≤ concurrency × batchSize). */
  concurrency?: number;
  /** How long an idle loop waits before polling again; a busy loop fetches again at once. */
  pollingIntervalMs?: number;
};

/** One job as a handler sees it; `data` has passed the worker's zod schema. */
export type JobContext<T> = {
  id: string;
  name: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Aborted when the job is cancelled in this process, expires, or the process stops without grace. */
  signal: AbortSignal;
};

export type JobHandler<T> = (job: JobContext<T>) => Promise<unknown>;

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export type JobInfo = {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  retryCount: number;
  retryLimit: number;
  /** What the handler returned (completed) or the error it threw as `{ message, name, stack }` (failed). */
  output: unknown;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
};

/**
 * The durable job queue (pg-boss in its own schema of the system-of-record database). Jobs survive
 * restarts and are shared by every process on the database: each job runs in one worker at a time.
 */
export interface JobQueue {
  /** Idempotent; a queue must exist before jobs are sent to it. */
  createQueue(name: string, options?: QueueOptions): Promise<void>;
  /** Returns the job id, or null when a singleton policy refused a duplicate. */
  send(name: string, data: object, options?: SendOptions): Promise<string | null>;
  /** Inserts many jobs in one statement; returns their ids (a job a singleton policy refused is silently not inserted). */
  sendMany(
    name: string,
    jobs: readonly { data: object; options?: Omit<SendOptions, 'tx'> }[],
    options?: { tx?: SqlSession },
  ): Promise<string[]>;
  /** Starts polling loops for a queue in this process; payloads failing `schema` fail the job. */
  work<S extends z.ZodType>(name: string, schema: S, options: WorkOptions, handler: JobHandler<z.output<S>>): Promise<void>;
  /** Queued jobs never start; an active one's handler in this process sees its signal abort. */
  cancel(name: string, id: string): Promise<void>;
  getJob(name: string, id: string): Promise<JobInfo | null>;
  /**
   * Stops polling. Graceful: waits (up to timeoutMs) for in-flight handlers, then aborts the rest
   * and marks them failed so they are retried elsewhere. Not graceful: aborts at once.
   */
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}
