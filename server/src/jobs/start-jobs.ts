import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { PluginRegistry } from '../plugins/plugin-registry.js';
import type { AppPubSub } from '../pubsub/create-pubsub.js';
import type { SecretKeyring } from '../secrets/secret-keyring.js';
import type { JobDefinition } from './job-definition.js';
import { JOB_DEFINITIONS } from './job-definitions.js';
import type { JobQueue } from './job-queue.js';
import { startJobQueue } from './pg-boss-job-queue.js';
import { registerWorkers } from './register-workers.js';

/**
 * The queue for one process: started on the process's database, every job's queue created, and
 * workers started when `workers` is true. Stop it before the database closes.
 */
export const startJobs = async (deps: {
  database: Database;
  pubsub: AppPubSub;
  secrets: SecretKeyring;
  logger: Logger;
  config: Config;
  workers: boolean;
  definitions?: readonly JobDefinition[];
  plugins?: PluginRegistry;
}): Promise<JobQueue> => {
  const jobs = await startJobQueue({
    sql: deps.database.sql,
    logger: deps.logger,
    pollingIntervalMs: deps.config.jobs.pollingIntervalMs,
    // Maintenance (expiring stuck jobs, archiving) belongs where jobs run.
    supervise: deps.workers,
  });
  try {
    await registerWorkers(
      deps.definitions ?? JOB_DEFINITIONS,
      {
        prisma: deps.database.prisma,
        sql: deps.database.sql,
        pubsub: deps.pubsub,
        secrets: deps.secrets,
        jobs,
        logger: deps.logger,
        config: deps.config,
        ...(deps.plugins ? { plugins: deps.plugins } : {}),
      },
      { workers: deps.workers },
    );
  } catch (error) {
    await jobs.stop({ graceful: false });
    throw error;
  }
  return jobs;
};
