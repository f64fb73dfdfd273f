import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server/src/app.js';
import { loadConfig } from '../server/src/config/config.js';
import { decodeGlobalId } from '../server/src/graphql/global-id.js';
import { indexUidOf } from '../server/src/search/index-settings.js';
import { cliInProcess } from './support/cli-runner.js';
import { createDatasetVia, insertRecordsInto, SEARCH, waitForIndex } from './support/dataset-search-helpers.js';
import { createKeyVia, errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { type TestMeilisearch, useMeilisearch } from './support/meilisearch.js';
import { createTestDatabase, usingPostgres } from './support/test-database.js';
import { useTestServer } from './support/test-server.js';

const REINDEX_DATASET = `mutation($input: ReindexDatasetSearchInput!) { reindexDatasetSearch(input: $input) {
  __typename
  ... on ReindexSearchPayload { queued datasets { id name } indexLag { pending failing oldestPendingSeconds } }
  ... on Error { code message }
} }`;

const REINDEX_PROJECT = `mutation { reindexProjectSearch {
  __typename ... on ReindexSearchPayload { queued datasets { name } indexLag { pending } }
} }`;

/** Deletes a dataset's index behind the server's back, as a lost or wiped Meilisearch volume would. */
const wipeIndex = async (meili: TestMeilisearch, datasetGlobalId: string) => {
  const client = new Meilisearch({ host: meili.host, apiKey: meili.masterKey });
  const task = await client.deleteIndex(indexUidOf(decodeGlobalId(datasetGlobalId).id)).waitTask({ timeout: 20_000 });
  expect(task.status).toBe('succeeded');
};

const questionsOf = async (url: string, key: string, dataset: string, query: string) => {
  const res = await gql(url, key, SEARCH, { dataset, query });
  expect(res.data?.datasetSearch.__typename, JSON.stringify(res)).toBe('DatasetSearchResult');
  return ((res.data?.datasetSearch.hits ?? []) as { data: { question: string } }[]).map((hit) => hit.data.question);
};

describe('reindexDatasetSearch / reindexProjectSearch (real Meilisearch)', () => {
  const meili = useMeilisearch();
  const t = useTestServer({ env: () => meili.env });

  it('rebuilds a wiped index from the database, so search finds the records again', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'wiped', [{ name: 'question', type: 'TEXT' }]);
    await insertRecordsInto(t.server, dataset, [{ question: 'where is my parcel' }, { question: 'cancel my subscription' }]);
    await waitForIndex(t.server.url);
    expect(await questionsOf(t.server.url, t.server.adminKey, dataset, 'parcel')).toEqual(['where is my parcel']);

    await wipeIndex(meili, dataset);
    expect(await questionsOf(t.server.url, t.server.adminKey, dataset, 'parcel')).toEqual([]);

    const res = await gql(t.server.url, t.server.adminKey, REINDEX_DATASET, { input: { dataset } });
    expect(res.data?.reindexDatasetSearch).toMatchObject({
      __typename: 'ReindexSearchPayload',
      queued: 1,
      datasets: [{ id: dataset, name: 'wiped' }],
    });
    // Queued, not yet applied (unless the worker was very quick): the lag says so.
    expect(res.data?.reindexDatasetSearch.indexLag.pending).toBeLessThanOrEqual(1);
    await waitForIndex(t.server.url);
    expect(await questionsOf(t.server.url, t.server.adminKey, dataset, 'parcel')).toEqual(['where is my parcel']);
    expect(await questionsOf(t.server.url, t.server.adminKey, dataset, 'subscription')).toEqual(['cancel my subscription']);

    const audit = await t.server.database.prisma.auditLogEntry.findMany({ where: { action: 'search.reindex' } });
    expect(audit.map((entry) => [entry.entityType, entry.entityId])).toEqual([['Dataset', decodeGlobalId(dataset).id]]);
  });

  it('rebuilds every dataset of the project at once', async () => {
    const a = await createDatasetVia(t.server.url, t.server.adminKey, 'project a', [{ name: 'question', type: 'TEXT' }]);
    const b = await createDatasetVia(t.server.url, t.server.adminKey, 'project b', [{ name: 'question', type: 'TEXT' }]);
    await insertRecordsInto(t.server, a, [{ question: 'alpha record' }]);
    await insertRecordsInto(t.server, b, [{ question: 'beta record' }]);
    await waitForIndex(t.server.url);
    await wipeIndex(meili, a);
    await wipeIndex(meili, b);

    const res = await gql(t.server.url, t.server.adminKey, REINDEX_PROJECT);
    expect(res.data?.reindexProjectSearch.__typename, JSON.stringify(res)).toBe('ReindexSearchPayload');
    const names = ((res.data?.reindexProjectSearch.datasets ?? []) as { name: string }[]).map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['project a', 'project b']));
    expect(res.data?.reindexProjectSearch.queued).toBe(names.length);
    await waitForIndex(t.server.url);
    expect(await questionsOf(t.server.url, t.server.adminKey, a, 'alpha')).toEqual(['alpha record']);
    expect(await questionsOf(t.server.url, t.server.adminKey, b, 'beta')).toEqual(['beta record']);
  });

  it('is for admins only, and a missing dataset is NotFound', async () => {
    const dataset = await createDatasetVia(t.server.url, t.server.adminKey, 'guarded', [{ name: 'question', type: 'TEXT' }]);
    const member = (await createKeyVia(t.server.url, t.server.adminKey, { role: 'member' })).secret;
    const refused = await gql(t.server.url, member, REINDEX_DATASET, { input: { dataset } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(t.server.url, member, REINDEX_PROJECT))).toEqual(['FORBIDDEN']);

    const missing = Buffer.from('Dataset:0190f1e2-3a4b-7c5d-8e6f-0123456789ab').toString('base64url');
    const res = await gql(t.server.url, t.server.adminKey, REINDEX_DATASET, { input: { dataset: missing } });
    expect(res.data?.reindexDatasetSearch).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });
});

// `agentloop search reindex` in this process, as an operator runs it.
const cli = cliInProcess;

describe('agentloop search reindex (real Meilisearch)', () => {
  const meili = useMeilisearch();

  const start = (env: Record<string, string>) =>
    startServer({
      config: loadConfig({ ...env, PORT: '0', AGENTLOOP_HOST: '127.0.0.1', NODE_ENV: 'test' }),
      logger: pino({ level: 'silent' }),
    });

  it('rebuilds wiped indexes from the database with no server running', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agentloop-reindex-'));
    const database = usingPostgres() ? await createTestDatabase() : null;
    const env: Record<string, string> = {
      AGENTLOOP_DATA_DIR: dir,
      ...meili.env,
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    };
    let server: RunningServer | null = null;
    try {
      server = await start(env);
      const key = server.bootstrap?.apiKeySecret ?? '';
      const dataset = await createDatasetVia(server.url, key, 'cli faq', [{ name: 'question', type: 'TEXT' }]);
      const created = await gql(
        server.url,
        key,
        'mutation($input: CreateDatasetRecordsInput!) { createDatasetRecords(input: $input) { __typename } }',
        { input: { dataset, records: [{ question: 'how to export my data' }, { question: 'change the billing email' }] } },
      );
      expect(created.data?.createDatasetRecords.__typename, JSON.stringify(created)).toBe('DatasetRecordsPayload');
      await waitForIndex(server.url);
      await server.stop();
      server = null;

      await wipeIndex(meili, dataset);
      const usage = await cli(env, 'search', 'reindex', '--dataset', 'no such dataset');
      expect(usage).toMatchObject({ code: 1, stdout: '' });
      expect(usage.stderr).toMatch(/Dataset no such dataset was not found/);

      const run = await cli(env, 'search', 'reindex', '--dataset', 'cli faq', '--project', 'default', '--json');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.datasets).toEqual([
        expect.objectContaining({ name: 'cli faq', projectName: 'default', ok: true, error: null, globalId: dataset }),
      ]);

      // Applied by the command itself: the outbox is empty and the records are found again.
      server = await start(env);
      expect((await server.database.sql.query('SELECT 1 FROM "SearchOutbox"')).length).toBe(0);
      expect(await questionsOf(server.url, key, dataset, 'billing')).toEqual(['change the billing email']);

      await server.stop();
      server = null;
      await wipeIndex(meili, dataset);
      const all = await cli(env, 'search', 'reindex');
      expect(all).toMatchObject({ code: 0, stderr: '' });
      expect(all.stdout).toMatch(/default +cli faq/);
      expect(all.stdout).toMatch(/Rebuilt the search index of 1 dataset in [\d.]+ s\.\n$/);
      server = await start(env);
      expect(await questionsOf(server.url, key, dataset, 'export')).toEqual(['how to export my data']);
    } finally {
      await server?.stop();
      await database?.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
