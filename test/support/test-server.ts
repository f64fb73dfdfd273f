import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, startServer } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config/config.js';
import type { JobDefinition } from '../../server/src/jobs/job-definition.js';
import type { EmbedderResolver } from '../../server/src/search/embeddings.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export type TestServer = RunningServer & {
  /** The organization-admin key bootstrap created (only on the first server of a database). */
  adminKey: string;
  wsUrl: string;
};

/** A real server on a random port, over HTTP and WebSocket, against the test's database. */
export const startTestServer = async (
  database: TestDatabase,
  options: {
    env?: Record<string, string>;
    adminKey?: string;
    embedders?: EmbedderResolver;
    jobDefinitions?: readonly JobDefinition[];
  } = {},
): Promise<TestServer> => {
  // No embedded Meilisearch unless a test asks for search (test/support/meilisearch.ts starts one per file).
  const config = loadConfig({
    PORT: '0',
    AGENTLOOP_HOST: '127.0.0.1',
    NODE_ENV: 'test',
    AGENTLOOP_EMBEDDED_SEARCH: 'false',
    ...options.env,
  });
  const server = await startServer({
    config,
    database: await database.open(),
    embedders: options.embedders,
    logger: pino({ level: process.env.AGENTLOOP_TEST_LOG_LEVEL ?? 'silent' }),
    jobDefinitions: options.jobDefinitions,
  });
  const adminKey = server.bootstrap?.apiKeySecret ?? options.adminKey;
  if (!adminKey) throw new Error('This database was bootstrapped by another server; pass its adminKey');
  return { ...server, adminKey, wsUrl: `${server.url.replace('http', 'ws')}/graphql` };
};

/**
 * One server and database for a describe block: started before its tests, stopped and dropped
 * after. Read `.server` / `.database` inside hooks and tests (they are set by then).
 */
export const useTestServer = (options: { env?: Record<string, string> | (() => Record<string, string>) } = {}) => {
  const context = {} as { server: TestServer; database: TestDatabase };
  beforeAll(async () => {
    context.database = await createTestDatabase();
    // A function is read only now, after earlier hooks (e.g. useMeilisearch) have started what it names.
    const env = typeof options.env === 'function' ? options.env() : options.env;
    context.server = await startTestServer(context.database, { env });
  });
  afterAll(async () => {
    await context.server?.stop();
    await context.database?.drop();
  });
  return context;
};
