import type { Logger } from 'pino';
import type { SqlClient } from '../db/sql-client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { AppPubSub } from '../pubsub/create-pubsub.js';
import type { PriceCache } from '../tracing/cost/price-cache.js';
import type { ContinuousTaskPresence } from './continuous-task-presence.js';

/** What the OTLP receivers need from the rest of the server. */
export type OtlpReceiverDeps = {
  sql: SqlClient;
  prisma: PrismaClient;
  pubsub: AppPubSub;
  logger: Logger;
  prices: PriceCache;
  limits: { maxBodyBytes: number; maxSpans: number };
  now?: () => number;
  /** Continuous eval tasks are told about committed traces through it. */
  jobs?: Pick<JobQueue, 'send'>;
  /** Skips that when the project has no running continuous task; without it, every export asks. */
  taskPresence?: ContinuousTaskPresence;
};
