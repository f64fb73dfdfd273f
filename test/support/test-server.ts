import { pino } from 'pino';
import { type RunningServer, startServer } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config/config.js';
import type { TestDatabase } from './test-database.js';

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
  return { ...server, adminKey, wsUrl: server.url.replace('http', 'ws') + '/graphql' };
};
