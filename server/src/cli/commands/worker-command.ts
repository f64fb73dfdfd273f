import { once } from 'node:events';
import { z } from 'zod';
import { JOB_DEFINITIONS } from '../../jobs/job-definitions.js';
import { startJobs } from '../../jobs/start-jobs.js';
import { createLogger } from '../../observability/logger.js';
import { loadPluginRegistry } from '../../plugins/plugin-registry.js';
import { pluginSpecsFromConfig } from '../../plugins/plugin-specs.js';
import { pluginResolutionDirs } from '../../plugins/server-plugin-dirs.js';
import { createAppPubSub } from '../../pubsub/create-pubsub.js';
import { modelServiceEmbedders } from '../../search/model-service-embedders.js';
import { openSearchBackend } from '../../search/search-backend.js';
import { startSearchIndexing } from '../../search/start-search-indexing.js';
import { createSecretKeyring } from '../../secrets/secret-keyring.js';
import { defineCommand } from '../define-command.js';
import { withDatabase } from '../with-database.js';

/** Resolves on the first SIGINT or SIGTERM. */
const stopRequested = () =>
  Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]).then(([signal]) => String(signal ?? 'signal'));

export const workerCommand = defineCommand({
  path: ['worker'],
  summary: 'Run background job workers only (no HTTP), sharing the job queue with other processes',
  synopsis: '',
  details: [
    'Runs every background job (eval tasks, imports, retention) and the search indexer (dataset writes',
    'into Meilisearch: MEILI_HOST, or the embedded binary in the data directory) until SIGINT/SIGTERM, then',
    'finishes the jobs in flight (up to AGENTLOOP_SHUTDOWN_TIMEOUT_MS) and exits. Start as many as you',
    'like against the same DATABASE_URL; each job runs in one of them. Pair with AGENTLOOP_WORKERS=false',
    'on API servers to keep background work off them. With the embedded database only one process can',
    'open the data directory, so run it instead of (not beside) `npm start`.',
  ],
  usesDatabase: true,
  schema: z.object({}),
  run: (_input, env) =>
    withDatabase(env, { requireMigrated: true }, async (database) => {
      const { config } = database;
      const logger = createLogger(config.logLevel);
      const pubsub = createAppPubSub(config.redisUrl);
      // Eval task jobs run evaluators: the same plugins as the API server.
      const plugins = await loadPluginRegistry({
        specs: pluginSpecsFromConfig(config.plugins),
        dirs: pluginResolutionDirs(config.plugins.dir),
        logger,
        timeoutMs: config.plugins.loadTimeoutMs,
      });
      const secrets = createSecretKeyring(config.secrets);
      // Meilisearch down or missing is not fatal here either: index work waits in the outbox.
      const search = await openSearchBackend(config.search, logger);
      const searchWorker = startSearchIndexing(
        { sql: database.sql, search, embedders: modelServiceEmbedders({ sql: database.sql, secrets }), logger },
        { workers: true, searchKind: config.search.kind },
      );
      try {
        const jobs = await startJobs({
          database,
          pubsub: pubsub.pubsub,
          secrets,
          logger,
          config,
          workers: true,
          plugins,
        });
        logger.info(
          { queues: JOB_DEFINITIONS.map((d) => d.name), database: database.kind, search: search.mode },
          'AgentLoop worker is running',
        );
        const signal = await stopRequested();
        logger.info({ signal }, 'worker stopping');
        await jobs.stop({ graceful: true, timeoutMs: config.shutdownTimeoutMs });
        return { json: { stopped: true, signal }, text: `Worker stopped (${signal}).` };
      } finally {
        // The search worker may be mid-batch: stopped before Meilisearch and the database close.
        await searchWorker?.stop();
        await search.close();
        await plugins.teardown();
        await pubsub.close();
      }
    }),
});
