import { pino } from 'pino';
import { startServer } from '../server/src/app.js';
import { loadConfig } from '../server/src/config/config.js';
import { openBenchDatabase } from './support/bench-database.js';
import { runClosedLoopLoad } from './support/closed-loop-load.js';
import { summarizeLatencies } from './support/latency-summary.js';

const QUERY = '{ viewer { role project { name } } }';
const REQUESTS = 2_000;
const CONCURRENCY = 8;
const TIME_CAP_MS = 30_000;
// Enough to JIT the hot path and warm connection pools before anything is timed.
const WARMUP_REQUESTS = 100;

/**
 * The cheapest authenticated query: API-key lookup, context, one project read. Its cost is the
 * floor under every other operation, so a regression here shows up everywhere.
 */
export const run = async (): Promise<Record<string, unknown>> => {
  const bench = await openBenchDatabase();
  // Production mode and silent logs: measure the server, not GraphiQL or log formatting.
  const config = loadConfig({ PORT: '0', AGENTLOOP_HOST: '127.0.0.1', NODE_ENV: 'production', AGENTLOOP_LOG_LEVEL: 'silent' });
  try {
    const server = await startServer({ config, database: bench.database, logger: pino({ level: 'silent' }) });
    try {
      const apiKey = server.bootstrap?.apiKeySecret;
      if (!apiKey) throw new Error('a fresh database should have been bootstrapped with an admin key');
      const endpoint = `${server.url}/graphql`;
      if (new URL(endpoint).hostname !== '127.0.0.1') throw new Error(`refusing to load anything but loopback: ${endpoint}`);

      const send = async (signal: AbortSignal) => {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({ query: QUERY }),
          signal,
        });
        const body = (await response.json()) as { data?: { viewer?: { role?: string } }; errors?: unknown[] };
        if (response.status !== 200 || body.errors || body.data?.viewer?.role !== 'admin') {
          throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 200)}`);
        }
      };

      const warmup = await runClosedLoopLoad({ total: WARMUP_REQUESTS, concurrency: CONCURRENCY, timeCapMs: TIME_CAP_MS, send });
      if (warmup.failed > 0) throw new Error(`warm-up failed: ${warmup.firstError}`);
      const load = await runClosedLoopLoad({ total: REQUESTS, concurrency: CONCURRENCY, timeCapMs: TIME_CAP_MS, send });

      return {
        database: bench.kind,
        query: QUERY,
        requests: REQUESTS,
        concurrency: CONCURRENCY,
        warmupRequests: WARMUP_REQUESTS,
        completed: load.completed,
        failed: load.failed,
        abortedAtCap: load.abortedAtCap,
        cappedByTime: load.cappedByTime,
        durationMs: Math.round(load.elapsedMs),
        requestsPerSecond: Math.round((load.completed / load.elapsedMs) * 1000 * 10) / 10,
        ...summarizeLatencies(load.latenciesMs),
        ...(load.firstError ? { firstError: load.firstError } : {}),
        node: process.version,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await bench.dispose();
  }
};
