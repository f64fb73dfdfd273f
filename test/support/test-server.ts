import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, startServer } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config/config.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export type TestServer = RunningServer & {
  /** The organization-admin key bootstrap created (only on the first server of a database). */
  adminKey: string;
  wsUrl: string;
};

/** A real server on a random port, over HTTP and WebSocket, against the test's database. */
export const startTestServer = async (
  database: TestDatabase,
  options: { env?: Record<string, string>; adminKey?: string } = {},
): Promise<TestServer> => {
  const config = loadConfig({ PORT: '0', AGENTLOOP_HOST: '127.0.0.1', NODE_ENV: 'test', ...options.env });
  const server = await startServer({
    config,
    database: await database.open(),
    logger: pino({ level: process.env.AGENTLOOP_TEST_LOG_LEVEL ?? 'silent' }),
  });
  const adminKey = server.bootstrap?.apiKeySecret ?? options.adminKey;
  if (!adminKey) throw new Error('This database was bootstrapped by another server; pass its adminKey');
  return { ...server, adminKey, wsUrl: `${server.url.replace('http', 'ws')}/graphql` };
};

/**
 * One server and database for a describe block: started before its tests, stopped and dropped
 * after. Read `.server` / `.database` inside hooks and tests (they are set by then).
 */
export const useTestServer = (options: { env?: Record<string, string> } = {}) => {
  const context = {} as { server: TestServer; database: TestDatabase };
  beforeAll(async () => {
    context.database = await createTestDatabase();
    context.server = await startTestServer(context.database, options);
  });
  afterAll(async () => {
    await context.server?.stop();
    await context.database?.drop();
  });
  return context;
};
