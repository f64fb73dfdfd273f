import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import type { SqlClient } from '../db/sql-client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { PluginRegistry } from '../plugins/plugin-registry.js';
import type { AppPubSub } from '../pubsub/create-pubsub.js';
import type { SearchDeps } from '../search/search-deps.js';
import type { SecretKeyring } from '../secrets/secret-keyring.js';
import type { PriceCache } from '../tracing/cost/price-cache.js';

/** Built per operation, after the API key is authenticated. */
export type GraphQLContext = {
  principal: Principal;
  prisma: PrismaClient;
  /** Raw, set-based SQL on the same database (bulk updates, analytics). */
  sql: SqlClient;
  /** The price table ingestion uses; editing prices invalidates it so this instance prices with them at once. */
  prices: PriceCache;
  pubsub: AppPubSub;
  /** Dataset search: the Meilisearch backend and where query embeddings come from. */
  search: SearchDeps;
  /** Encrypts and decrypts stored secrets (model-service API keys). */
  secrets: SecretKeyring;
  /** The durable job queue: enqueue background work (in `sql.transaction` with `tx` to tie it to a write). */
  jobs: JobQueue;
  /** The server's loaded plugins (evaluators), by name. */
  plugins: PluginRegistry;
  requestId: string;
  logger: Logger;
};
