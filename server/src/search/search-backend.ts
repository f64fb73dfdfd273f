import { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { UnavailableError } from '../errors/app-error.js';
import { type MeilisearchProcess, MeilisearchUnavailableError, startEmbeddedMeilisearch } from './embedded-meilisearch.js';
import { createMeilisearchHttpClient } from './meilisearch-http-client.js';

/**
 * The search engine as the rest of the server sees it: a Meilisearch client while one is
 * reachable, or the reason there is none. Search requests fail with that reason; writes never
 * depend on it (their index work waits in the outbox).
 */
export type SearchBackend = {
  readonly mode: Config['search']['kind'];
  /** The client, or an UnavailableError saying why search is off. */
  client(): Meilisearch;
  /** Resolves with a short description when Meilisearch answers /health; throws the reason otherwise. */
  health(): Promise<string>;
  close(): Promise<void>;
};

const clientFor = (host: string, apiKey: string | undefined) =>
  new Meilisearch({ host, apiKey, timeout: 10_000, httpClient: createMeilisearchHttpClient() });

const probe = async (client: Meilisearch) => {
  const health = await client.health();
  if (health.status !== 'available') throw new Error(`Meilisearch reports ${health.status}`);
};

/** A backend that only says why search is off. */
export const unavailableSearch = (mode: Config['search']['kind'], reason: string): SearchBackend => ({
  mode,
  client: () => {
    throw new UnavailableError(`Dataset search is unavailable: ${reason}`);
  },
  health: async () => {
    throw new Error(reason);
  },
  close: async () => {},
});

/** An external Meilisearch (MEILI_HOST / MEILI_MASTER_KEY), or one a test started. */
export const externalSearch = (host: string, apiKey: string | undefined): SearchBackend => {
  const client = clientFor(host, apiKey);
  return {
    mode: 'external',
    client: () => client,
    health: async () => {
      await probe(client);
      return host;
    },
    close: async () => {},
  };
};

/**
 * The embedded Meilisearch child process, restarted (with growing pauses) if it dies, so a
 * crash costs search a few seconds rather than the rest of the process's life.
 */
const embeddedSearch = async (dataDir: string, logger: Logger): Promise<SearchBackend> => {
  let current: { process: MeilisearchProcess; client: Meilisearch } | null = null;
  let closed = false;
  let lastFailure = 'Meilisearch is starting';
  let restartTimer: NodeJS.Timeout | null = null;

  const start = async () => {
    const child = await startEmbeddedMeilisearch(dataDir, logger);
    current = { process: child, client: clientFor(child.host, child.masterKey) };
    logger.info({ host: child.host, pid: child.pid }, 'embedded Meilisearch is up');
  };

  await start();
  let restartDelayMs = 1000;
  const watchdog = setInterval(() => {
    if (closed || restartTimer || !current || current.process.running()) return;
    lastFailure = 'the embedded Meilisearch process exited; restarting it';
    logger.error({ pid: current.process.pid, retryInMs: restartDelayMs }, 'embedded Meilisearch exited unexpectedly');
    restartTimer = setTimeout(() => {
      start().then(
        () => {
          restartDelayMs = 1000;
          restartTimer = null;
        },
        (error: unknown) => {
          lastFailure = `the embedded Meilisearch could not be restarted: ${error instanceof Error ? error.message : String(error)}`;
          logger.error({ err: error }, 'embedded Meilisearch could not be restarted');
          restartDelayMs = Math.min(restartDelayMs * 2, 60_000);
          restartTimer = null;
        },
      );
    }, restartDelayMs);
  }, 1000);
  watchdog.unref();

  return {
    mode: 'embedded',
    client: () => {
      if (!current?.process.running()) throw new UnavailableError(`Dataset search is unavailable: ${lastFailure}`);
      return current.client;
    },
    health: async () => {
      if (!current?.process.running()) throw new Error(lastFailure);
      await probe(current.client);
      return `embedded at ${current.process.host}`;
    },
    close: async () => {
      closed = true;
      clearInterval(watchdog);
      if (restartTimer) clearTimeout(restartTimer);
      await current?.process.stop();
    },
  };
};

/**
 * Opens search as configured. A missing or unstartable embedded binary is logged as a warning
 * and leaves the server up with search unavailable (readiness says why), never a failed start.
 */
export const openSearchBackend = async (config: Config['search'], logger: Logger): Promise<SearchBackend> => {
  switch (config.kind) {
    case 'external':
      return externalSearch(config.host, config.masterKey);
    case 'off':
      return unavailableSearch(
        'off',
        'no search engine is configured (set MEILI_HOST, or unset AGENTLOOP_EMBEDDED_SEARCH=false)',
      );
    case 'embedded':
      try {
        return await embeddedSearch(config.dataDir, logger);
      } catch (error) {
        const reason =
          error instanceof MeilisearchUnavailableError
            ? error.message
            : `the embedded Meilisearch failed to start: ${error instanceof Error ? error.message : String(error)}`;
        logger.warn({ reason }, `dataset search is unavailable: ${reason}`);
        return unavailableSearch('embedded', reason);
      }
  }
};
