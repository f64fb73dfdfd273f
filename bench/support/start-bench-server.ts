import { pino } from 'pino';
import { type RunningServer, startServer } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config/config.js';
import type { Database } from '../../server/src/db/database.js';

/** A server on 127.0.0.1 in production mode with silent logs: measure the server, not log formatting. */
export const startBenchServer = async (database: Database): Promise<RunningServer & { apiKey: string; projectId: string }> => {
  const config = loadConfig({ PORT: '0', AGENTLOOP_HOST: '127.0.0.1', NODE_ENV: 'production', AGENTLOOP_LOG_LEVEL: 'silent' });
  const server = await startServer({ config, database, logger: pino({ level: 'silent' }) });
  const bootstrap = server.bootstrap;
  if (!bootstrap) {
    await server.stop();
    throw new Error('a fresh database should have been bootstrapped with an admin key');
  }
  if (new URL(server.url).hostname !== '127.0.0.1') {
    await server.stop();
    throw new Error(`refusing to load anything but loopback: ${server.url}`);
  }
  return { ...server, apiKey: bootstrap.apiKeySecret, projectId: bootstrap.projectId };
};

/** The line a Postgres-only benchmark prints instead of numbers when there is no PostgreSQL. */
export const skippedWithoutPostgres = (env: Record<string, string | undefined> = process.env) =>
  env.DATABASE_URL
    ? null
    : {
        skipped: true,
        reason: 'DATABASE_URL is not set: this benchmark measures PostgreSQL (COPY, planner, indexes), not embedded PGlite',
      };
