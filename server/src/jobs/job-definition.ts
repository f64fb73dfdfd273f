import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Config } from '../config/config.js';
import type { SqlClient } from '../db/sql-client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { PluginRegistry } from '../plugins/plugin-registry.js';
import type { AppPubSub } from '../pubsub/create-pubsub.js';
import type { SecretKeyring } from '../secrets/secret-keyring.js';
import type { JobContext, JobQueue, QueueOptions, WorkOptions } from './job-queue.js';

/** What job handlers get from the process that runs them (the API server or `agentloop worker`). */
export type WorkerDeps = {
  prisma: PrismaClient;
  sql: SqlClient;
  pubsub: AppPubSub;
  /** Decrypts model-service API keys (judges, embeddings). */
  secrets: SecretKeyring;
  jobs: JobQueue;
  logger: Logger;
  config: Config;
  /** Loaded plugins (eval tasks run evaluators); absent where a process loads none. */
  plugins?: PluginRegistry;
};

/**
 * One kind of background job: its queue, the zod schema of its payload, and its handler. Rooms
 * add theirs to JOB_DEFINITIONS (job-definitions.ts) so the server and every worker process
 * register the same set.
 */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  /** Queue name: letters, digits, `_`, `-`, `.`; e.g. `eval-task.run`. */
  name: string;
  payload: S;
  queue?: QueueOptions;
  work?: WorkOptions;
  handle(job: JobContext<z.output<S>>, deps: WorkerDeps): Promise<unknown>;
  /** Runs where workers start, after the queue exists (e.g. to enqueue the first scheduled run). */
  onWorkersStarted?(deps: WorkerDeps): Promise<void>;
};

/** Keeps the payload type tied to the handler. */
export const defineJob = <S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> => definition;
