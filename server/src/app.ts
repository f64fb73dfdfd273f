import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { startImportSweeper } from './datasets/imports/sweep-interrupted-imports.js';
import { createDatasetTransferHandler } from './datasets/transfer/dataset-transfer-http.js';
import type { Database } from './db/database.js';
import { startEmbeddedAutovacuum } from './db/embedded-autovacuum.js';
import { applyMigrations, MigrationError, migrationStatus } from './db/migrations/apply-migrations.js';
import { openDatabase } from './db/open-database.js';
import { type Bootstrap, bootstrapIfEmpty } from './domain/bootstrap.js';
import { schema } from './graphql/schema.js';
import { createYogaServer } from './http/create-yoga.js';
import { createHttpServer } from './http/http-server.js';
import { createReadiness } from './http/readiness.js';
import { attachWebSocketServer } from './http/websocket.js';
import { createContinuousTaskPresence } from './ingestion/continuous-task-presence.js';
import { createLogsReceiver } from './ingestion/logs-receiver.js';
import { createTraceReceiver } from './ingestion/trace-receiver.js';
import type { JobDefinition } from './jobs/job-definition.js';
import type { JobQueue } from './jobs/job-queue.js';
import { startJobs } from './jobs/start-jobs.js';
import { createLogger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { loadPluginRegistry, type PluginRegistry } from './plugins/plugin-registry.js';
import { pluginSpecsFromConfig } from './plugins/plugin-specs.js';
import { pluginResolutionDirs } from './plugins/server-plugin-dirs.js';
import { type AppPubSub, createAppPubSub } from './pubsub/create-pubsub.js';
import type { EmbedderResolver } from './search/embeddings.js';
import { readIndexLag } from './search/index-lag.js';
import { modelServiceEmbedders } from './search/model-service-embedders.js';
import { openSearchBackend } from './search/search-backend.js';
import { startSearchIndexing } from './search/start-search-indexing.js';
import { createSecretKeyring } from './secrets/secret-keyring.js';
import { createPriceCache } from './tracing/cost/price-cache.js';
import { seedDefaultPrices } from './tracing/cost/seed-default-prices.js';

export type RunningServer = {
  url: string;
  port: number;
  database: Database;
  /** Set on the first start of an empty database: the only time the admin key is shown. */
  bootstrap: Bootstrap | null;
  logger: Logger;
  /** The durable job queue (workers run here unless AGENTLOOP_WORKERS=false). */
  jobs: JobQueue;
  /** The evaluator (and memory strategy) plugins this server loaded, with the ones that failed. */
  plugins: PluginRegistry;
  /** The live-event bus behind subscriptions (benchmarks time deliveries from the publish). */
  pubsub: AppPubSub;
  /** Stops accepting, lets in-flight requests finish (bounded), then closes everything. */
  stop(): Promise<void>;
};

export type StartOptions = {
  config: Config;
  /** An already open database (tests); otherwise opened from config and closed on stop. */
  database?: Database;
  logger?: Logger;
  /** Where dataset embeddings come from; defaults to the project's model services. */
  embedders?: EmbedderResolver;
  /** The background jobs this process registers; defaults to every job of the product (tests add their own). */
  jobDefinitions?: readonly JobDefinition[];
};

const prepareDatabase = async (database: Database, config: Config, logger: Logger) => {
  if (config.migrateOnStart) {
    const { applied } = await applyMigrations(database.sql);
    if (applied.length > 0) logger.info({ applied }, 'applied migrations');
  } else {
    const status = await migrationStatus(database.sql);
    if (status.pending.length > 0) {
      throw new MigrationError(
        `AGENTLOOP_MIGRATE_ON_START=false and ${status.pending.length} migration(s) are pending (${status.pending.join(', ')}). ` +
          'Run `npx prisma migrate deploy` or start with AGENTLOOP_MIGRATE_ON_START=true.',
      );
    }
  }
};

export const startServer = async ({
  config,
  database: given,
  logger = createLogger(config.logLevel),
  embedders: givenEmbedders,
  jobDefinitions,
}: StartOptions): Promise<RunningServer> => {
  const database =
    given ??
    (await openDatabase(config.database, (error) => logger.warn({ err: error }, 'an idle database connection failed; replaced')));
  const closers: (() => Promise<void>)[] = given ? [] : [() => database.close()];
  try {
    await prepareDatabase(database, config, logger);
    const bootstrap = await bootstrapIfEmpty(database.prisma);
    await seedDefaultPrices(database.sql);
    // Imports left RUNNING by a killed process end FAILED; on PostgreSQL other instances keep sweeping.
    const stopImportSweeper = await startImportSweeper(database.sql, database.kind, (error) =>
      logger.warn({ err: error }, 'sweeping interrupted dataset imports failed'),
    );
    closers.unshift(async () => stopImportSweeper());
    // Stopped before the database closes (closers run in order): a round may be in progress.
    const stopAutovacuum = startEmbeddedAutovacuum(database.sql, database.kind, (error) =>
      logger.warn({ err: error }, 'embedded autovacuum failed; the planner may work from stale statistics'),
    );
    closers.unshift(stopAutovacuum);
    const search = await openSearchBackend(config.search, logger);
    closers.push(() => search.close());
    const pubsub = createAppPubSub(config.redisUrl);
    closers.unshift(() => pubsub.close());
    // A package that fails to load is recorded and skipped; only a bad config file stops the start.
    const plugins = await loadPluginRegistry({
      specs: pluginSpecsFromConfig(config.plugins),
      dirs: pluginResolutionDirs(config.plugins.dir),
      logger,
      timeoutMs: config.plugins.loadTimeoutMs,
    });
    closers.unshift(() => plugins.teardown());
    const metrics = createMetrics();
    // Shared by everything that reads or writes model-service API keys (GraphQL, later the eval workers).
    const secrets = createSecretKeyring(config.secrets);
    const embedders = givenEmbedders ?? modelServiceEmbedders({ sql: database.sql, secrets });
    // Stopped before Meilisearch closes (closers run in order): the worker may be mid-batch.
    const searchWorker = startSearchIndexing(
      { sql: database.sql, search, embedders, logger },
      { workers: config.jobs.workers, searchKind: config.search.kind },
    );
    if (searchWorker) closers.unshift(() => searchWorker.stop());
    // Before HTTP listens, so requests can enqueue; stopped (graceful) before the database closes.
    const jobs = await startJobs({
      database,
      pubsub: pubsub.pubsub,
      secrets,
      logger,
      config,
      workers: config.jobs.workers,
      definitions: jobDefinitions,
      plugins,
    });
    closers.unshift(() => jobs.stop({ graceful: true, timeoutMs: config.shutdownTimeoutMs }));
    // One price table for ingestion and GraphQL, so a price edit here applies to the next export.
    const prices = createPriceCache(database.sql);
    const yoga = createYogaServer({
      schema,
      prisma: database.prisma,
      sql: database.sql,
      prices,
      pubsub: pubsub.pubsub,
      secrets,
      jobs,
      plugins,
      logger,
      metrics,
      config,
      search: { backend: search, embedders },
    });
    const readiness = createReadiness({
      sql: database.sql,
      pubsubPing: config.redisUrl ? pubsub.ping : null,
      search,
      indexLag: () => readIndexLag(database.sql),
    });
    // A few seconds: task changes arrive as events sooner; the TTL bounds an instance without Redis.
    const taskPresence = createContinuousTaskPresence({ sql: database.sql, pubsub: pubsub.pubsub, ttlMs: 5_000 });
    closers.unshift(async () => taskPresence.close());
    const otlpDeps = {
      sql: database.sql,
      prisma: database.prisma,
      pubsub: pubsub.pubsub,
      logger,
      prices,
      limits: config.otlp,
      jobs,
      taskPresence,
    };
    const { server, inFlight } = createHttpServer({
      yoga,
      metrics,
      readiness,
      logger,
      otlp: { traces: createTraceReceiver(otlpDeps), logs: createLogsReceiver(otlpDeps) },
      datasetTransfer: createDatasetTransferHandler({
        prisma: database.prisma,
        sql: database.sql,
        pubsub: pubsub.pubsub,
        logger,
        databaseKind: database.kind,
      }),
    });
    const websockets = attachWebSocketServer(server, yoga, database.sql);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    logger.info(
      {
        port,
        database: database.kind,
        pubsub: config.redisUrl ? 'redis' : 'in-process',
        search: search.mode,
        workers: config.jobs.workers,
      },
      'AgentLoop is listening',
    );

    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await websockets.close();
        const deadline = Date.now() + config.shutdownTimeoutMs;
        while (inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
        server.closeAllConnections();
        await closed;
        for (const close of closers) await close();
        logger.info('AgentLoop stopped');
      })();
      return stopping;
    };
    return { url: `http://127.0.0.1:${port}`, port, database, bootstrap, logger, jobs, plugins, pubsub: pubsub.pubsub, stop };
  } catch (error) {
    for (const close of closers) await close().catch(() => {});
    throw error;
  }
};
