import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Meilisearch } from 'meilisearch';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server/src/app.js';
import { loadConfig } from '../server/src/config/config.js';
import { decodeGlobalId } from '../server/src/graphql/global-id.js';
import { indexUidOf } from '../server/src/search/index-settings.js';
import { createDatasetVia, readIndexLagVia, SEARCH } from './support/dataset-search-helpers.js';
import { gql } from './support/graphql-client.js';
import { useMeilisearch } from './support/meilisearch.js';
import { createTestDatabase, usingPostgres } from './support/test-database.js';

const BIN = fileURLToPath(new URL('../server/bin/agentloop.js', import.meta.url));

/**
 * A deployment with API servers at AGENTLOOP_WORKERS=false and separate `agentloop worker`
 * processes: the servers queue index work, the worker drains it into Meilisearch.
 */
describe('search indexing follows AGENTLOOP_WORKERS', () => {
  const meili = useMeilisearch();

  it('an API-only server leaves the outbox to `agentloop worker`, which drains it', { timeout: 300_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agentloop-search-worker-'));
    const database = usingPostgres() ? await createTestDatabase() : null;
    const env: Record<string, string> = {
      AGENTLOOP_DATA_DIR: dir,
      AGENTLOOP_WORKERS: 'false',
      ...meili.env,
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    };
    const start = () =>
      startServer({
        config: loadConfig({ ...env, PORT: '0', AGENTLOOP_HOST: '127.0.0.1', NODE_ENV: 'test' }),
        logger: pino({ level: 'silent' }),
      });
    let server: RunningServer | null = null;
    try {
      server = await start();
      const key = server.bootstrap?.apiKeySecret ?? '';
      const dataset = await createDatasetVia(server.url, key, 'queued', [{ name: 'question', type: 'TEXT' }]);
      const created = await gql(
        server.url,
        key,
        'mutation($input: CreateDatasetRecordsInput!) { createDatasetRecords(input: $input) { __typename } }',
        { input: { dataset, records: [{ question: 'indexed by the worker' }, { question: 'not by the server' }] } },
      );
      expect(created.data?.createDatasetRecords.__typename, JSON.stringify(created)).toBe('DatasetRecordsPayload');
      // Longer than the idle poll of a search worker: nobody in this process drains.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await readIndexLagVia(server.url)).toMatchObject({ pending: 2 });
      await server.stop();
      server = null;

      const child = spawn(process.execPath, [BIN, 'worker'], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env, AGENTLOOP_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const index = new Meilisearch({ host: meili.host, apiKey: meili.masterKey }).index(indexUidOf(decodeGlobalId(dataset).id));
      try {
        await expect
          .poll(async () => (await index.getStats().catch(() => null))?.numberOfDocuments ?? 0, {
            timeout: 180_000,
            interval: 250,
            message: 'the worker never indexed the records',
          })
          .toBe(2);
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited, output).toBe(0);

      server = await start();
      expect(await readIndexLagVia(server.url)).toMatchObject({ pending: 0, failing: 0 });
      const found = await gql(server.url, key, SEARCH, { dataset, query: 'worker' });
      expect(found.data?.datasetSearch.hits.map((hit: { data: { question: string } }) => hit.data.question)).toEqual([
        'indexed by the worker',
      ]);
    } finally {
      await server?.stop();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
