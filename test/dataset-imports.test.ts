import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql, wsClient } from './support/graphql-client.js';
import { spawnServer, waitForOutput } from './support/spawn-server.js';
import { createTestDatabase, usingPostgres } from './support/test-database.js';
import { useTestServer } from './support/test-server.js';
import { startUpload, upload } from './support/upload.js';

const FIELDS = [
  { name: 'question', type: 'TEXT', required: true },
  { name: 'turns', type: 'LONG' },
  { name: 'meta', type: 'JSON', jsonKeys: ['lang'] },
];

type Progress = {
  importId: string;
  datasetId: string;
  status: string;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  done: boolean;
};

const PROGRESS_FIELDS = 'importId datasetId status rowsRead rowsImported rowsRejected done';

const IMPORT_FIELDS = `id status format onError rowsRead rowsImported rowsRejected errors { row field message }
  errorsTruncated failureReason createdBy startedAt finishedAt dataset { id }`;

/**
 * Every datasetImportProgress event of a subscription until the first final one (`done`), which
 * resolves `finished`. `first` resolves with the first event of all.
 */
const follow = (client: Client, args: string, timeoutMs = 30_000) => {
  const events: Progress[] = [];
  let resolveFirst: (event: Progress) => void = () => {};
  const first = new Promise<Progress>((resolve) => {
    resolveFirst = resolve;
  });
  const finished = new Promise<Progress[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${events.length} events: ${JSON.stringify(events)}`));
    }, timeoutMs);
    const unsubscribe = client.subscribe<{ datasetImportProgress: Progress }>(
      { query: `subscription { datasetImportProgress${args ? `(${args})` : ''} { ${PROGRESS_FIELDS} } }` },
      {
        next: (value) => {
          if (value.errors || !value.data) {
            clearTimeout(timer);
            reject(new Error(JSON.stringify(value.errors)));
            return;
          }
          const event = value.data.datasetImportProgress;
          events.push(event);
          if (events.length === 1) resolveFirst(event);
          if (event.done) {
            clearTimeout(timer);
            unsubscribe();
            resolve(events);
          }
        },
        error: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => {},
      },
    );
  });
  finished.catch(() => {});
  return { first, finished };
};

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** The subscription is registered once the server answered the subscribe message; give it that long. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('dataset imports: status, progress and history', () => {
  const t = useTestServer();
  let client: Client;

  const createDataset = async (name: string) => {
    const res = await gql(
      t.server.url,
      t.server.adminKey,
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
      { input: { name, fields: FIELDS } },
    );
    return res.data?.createDataset.dataset.id as string;
  };
  const importUrl = (id: string, query: string) => `${t.server.url}/v1/datasets/${id}/import?${query}`;
  const readImport = async (id: string) => {
    const res = await gql(t.server.url, t.server.adminKey, `query($id: ID!) { datasetImport(id: $id) { ${IMPORT_FIELDS} } }`, {
      id,
    });
    expect(res.errors).toBeUndefined();
    return res.data?.datasetImport;
  };
  const recordCount = async (id: string) => {
    const res = await gql(t.server.url, t.server.adminKey, 'query($id: ID!) { dataset(id: $id) { recordCount } }', { id });
    return res.data?.dataset.recordCount as number;
  };

  beforeAll(() => {
    client = wsClient(t.server.wsUrl, t.server.adminKey);
  });
  afterAll(async () => {
    await client?.dispose();
  });

  it('records a JSONL import with bad rows: its id in the response, counters, errors and progress events', async () => {
    const dataset = await createDataset('jsonl');
    const progress = follow(client, `dataset: "${dataset}"`);
    await settle();
    // Enough rows for several batches, with bad ones spread through the file.
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 1000 === 999 ? `{"question":"q${i}","turns":"many"}` : `{"question":"q${i}","turns":${i},"meta":{"lang":"en"}}`,
    );
    lines.splice(1500, 0, 'not json');
    const { status, json } = await upload(
      importUrl(dataset, 'format=jsonl&onError=continue'),
      t.server.adminKey,
      `${lines.join('\n')}\n`,
    );
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'SUCCEEDED', reason: null, rows: 3001, imported: 2997, failed: 4, stopped: false });
    expect(json.importId).toEqual(expect.any(String));

    const stored = await readImport(json.importId);
    expect(stored).toMatchObject({
      id: json.importId,
      status: 'SUCCEEDED',
      format: 'JSONL',
      onError: 'CONTINUE',
      rowsRead: 3001,
      rowsImported: 2997,
      rowsRejected: 4,
      errorsTruncated: false,
      failureReason: null,
      createdBy: expect.any(String),
      dataset: { id: dataset },
      finishedAt: expect.any(String),
    });
    expect(stored.errors).toEqual([
      { row: 1000, field: 'turns', message: 'must be an integer (long field), got the string "many"' },
      { row: 1501, field: null, message: expect.stringMatching(/^is not valid JSON: /) },
      { row: 2001, field: 'turns', message: 'must be an integer (long field), got the string "many"' },
      { row: 3001, field: 'turns', message: 'must be an integer (long field), got the string "many"' },
    ]);
    expect(stored.errors).toEqual(json.errors);
    expect(new Date(stored.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(stored.startedAt).getTime());
    expect(await recordCount(dataset)).toBe(2997);

    const events = await progress.finished;
    expect(events[0]).toMatchObject({ importId: json.importId, datasetId: dataset, status: 'RUNNING', rowsRead: 0, done: false });
    expect(events.at(-1)).toEqual({
      importId: json.importId,
      datasetId: dataset,
      status: 'SUCCEEDED',
      rowsRead: 3001,
      rowsImported: 2997,
      rowsRejected: 4,
      done: true,
    });
    // Counters only grow; only the last event is final.
    for (let i = 1; i < events.length; i++) {
      expect(events[i]?.rowsRead).toBeGreaterThanOrEqual(events[i - 1]?.rowsRead ?? 0);
      expect(events[i]?.rowsImported).toBeGreaterThanOrEqual(events[i - 1]?.rowsImported ?? 0);
    }
    expect(events.filter((e) => e.done)).toHaveLength(1);
  });

  it('follows one CSV import by its id while it uploads, counting rejected rows', async () => {
    const dataset = await createDataset('csv');
    const byDataset = follow(client, `dataset: "${dataset}"`);
    await settle();
    const sending = startUpload(importUrl(dataset, 'format=csv'), t.server.adminKey);
    await sending.write('question,turns,meta\n"first, with comma",1,"{""lang"":""en""}"\n');
    const started = await byDataset.first;
    expect(started).toMatchObject({ status: 'RUNNING', rowsRead: 0, done: false });
    // The import exists, RUNNING, while its file is still arriving.
    expect(await readImport(started.importId)).toMatchObject({ status: 'RUNNING', format: 'CSV', finishedAt: null });
    const byImport = follow(client, `import: "${started.importId}"`);
    await settle();
    await sending.write('second,two,\nthird,3,\n,4,\n');
    sending.end();
    const { json } = await sending.response;
    expect(json).toMatchObject({ importId: started.importId, status: 'SUCCEEDED', rows: 4, imported: 2, failed: 2 });

    const events = await byImport.finished;
    expect(events.at(-1)).toMatchObject({ status: 'SUCCEEDED', rowsRead: 4, rowsImported: 2, rowsRejected: 2, done: true });
    expect(events.every((e) => e.importId === started.importId)).toBe(true);
    expect((await byDataset.finished).at(-1)).toEqual(events.at(-1));
    expect((await readImport(started.importId)).errors).toEqual([
      { row: 2, field: 'turns', message: 'must be an integer (long field), got "two"' },
      { row: 4, field: 'question', message: 'is required' },
    ]);
  });

  it('with onError=stop ends FAILED with nothing written, and Dataset.imports lists imports newest first', async () => {
    const dataset = await createDataset('stop');
    const ok = await upload(importUrl(dataset, 'format=jsonl&onError=stop'), t.server.adminKey, '{"question":"kept"}\n');
    expect(ok.json.status).toBe('SUCCEEDED');
    const progress = follow(client, `dataset: "${dataset}"`);
    await settle();
    const good = Array.from({ length: 1200 }, (_, i) => `{"question":"q${i}"}`).join('\n');
    const { json } = await upload(
      importUrl(dataset, 'format=jsonl&onError=stop'),
      t.server.adminKey,
      `${good}\n{"question":5}\n`,
    );
    expect(json).toMatchObject({ status: 'FAILED', imported: 0, stopped: true });
    expect(json.reason).toBe('onError=stop: row 1201 (question) was rejected, so nothing was imported');
    expect(await recordCount(dataset)).toBe(1);

    expect(await readImport(json.importId)).toMatchObject({
      status: 'FAILED',
      onError: 'STOP',
      rowsRead: 1201,
      rowsImported: 0,
      rowsRejected: 1,
      failureReason: json.reason,
      errors: [{ row: 1201, field: 'question', message: 'must be a string (text field), got number 5' }],
    });
    expect((await progress.finished).at(-1)).toMatchObject({ status: 'FAILED', rowsImported: 0, rowsRejected: 1, done: true });

    const listed = await gql(
      t.server.url,
      t.server.adminKey,
      'query($id: ID!) { dataset(id: $id) { imports(first: 10) { totalCount edges { node { id status } } } } }',
      { id: dataset },
    );
    expect(listed.data?.dataset.imports).toEqual({
      totalCount: 2,
      edges: [{ node: { id: json.importId, status: 'FAILED' } }, { node: { id: ok.json.importId, status: 'SUCCEEDED' } }],
    });
  });

  it('marks an upload cut off by its client CANCELLED, keeping the batches committed before', async () => {
    const dataset = await createDataset('cut off');
    const progress = follow(client, `dataset: "${dataset}"`);
    await settle();
    const sending = startUpload(importUrl(dataset, 'format=jsonl'), t.server.adminKey);
    await sending.write(`${Array.from({ length: 700 }, (_, i) => `{"question":"q${i}"}`).join('\n')}\n`);
    const started = await progress.first;
    // Wait until the first batch (500 rows) is committed, then go away mid-line.
    for (let i = 0; i < 100 && (await readImport(started.importId)).rowsImported < 500; i++) await settle();
    await sending.write('{"question":"half');
    sending.abort();
    const events = await progress.finished;
    expect(events.at(-1)).toMatchObject({ status: 'CANCELLED', rowsImported: 500, done: true });
    expect(await readImport(started.importId)).toMatchObject({
      status: 'CANCELLED',
      rowsImported: 500,
      failureReason: expect.stringContaining('cut off'),
      finishedAt: expect.any(String),
    });
    expect(await recordCount(dataset)).toBe(500);
  });

  it('refuses a subscription without exactly one of import and dataset, and hides imports from other projects', async () => {
    const dataset = await createDataset('private');
    const { json } = await upload(importUrl(dataset, 'format=jsonl'), t.server.adminKey, '{"question":"mine"}\n');
    const other = await createProjectVia(t.server.url, t.server.adminKey, 'other team');
    const foreignKey = (await createKeyVia(t.server.url, t.server.adminKey, { project: other, role: 'admin' })).secret;
    const foreign = await gql(t.server.url, foreignKey, 'query($id: ID!) { datasetImport(id: $id) { id } }', {
      id: json.importId,
    });
    expect(foreign.data).toEqual({ datasetImport: null });
    expect(await readImport(json.importId)).toMatchObject({ status: 'SUCCEEDED' });

    await expect(follow(client, '').finished).rejects.toThrow(/give exactly one of import and dataset/);
    await expect(follow(client, `import: "${json.importId}", dataset: "${dataset}"`).finished).rejects.toThrow(
      /give exactly one of import and dataset/,
    );
  });
});

describe('an import whose server is killed', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('ends FAILED (interrupted) when a server starts again, with the rows committed before it', {
    timeout: 180_000,
  }, async () => {
    const port = await freePort();
    const base: Record<string, string> = { PORT: String(port), AGENTLOOP_HOST: '127.0.0.1', AGENTLOOP_EMBEDDED_SEARCH: 'false' };
    let backdate = async () => {};
    if (usingPostgres()) {
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      base.DATABASE_URL = database.url ?? '';
      // Another instance may still be running a fresh-looking import; a killed one's heartbeat goes stale.
      backdate = async () => {
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        await client.query(`UPDATE "DatasetImport" SET "heartbeatAt" = now() - interval '1 minute'`);
        await client.end();
      };
    } else {
      const dir = await mkdtemp(join(tmpdir(), 'agentloop-import-kill-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      base.AGENTLOOP_DATA_DIR = dir;
    }
    const url = `http://127.0.0.1:${port}`;
    const first = spawnServer(base);
    cleanups.push(async () => {
      first.child.kill('SIGKILL');
    });
    const [, key = ''] = await waitForOutput(first, /(al_[A-Za-z0-9_-]{43})/);
    await waitForOutput(first, /AgentLoop is listening/);
    const created = await gql(
      url,
      key,
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
      { input: { name: 'killed', fields: FIELDS } },
    );
    const dataset = created.data?.createDataset.dataset.id as string;
    const readImports = async () =>
      (
        await gql(
          url,
          key,
          'query($id: ID!) { dataset(id: $id) { imports(first: 5) { edges { node { id status rowsImported failureReason } } } } }',
          {
            id: dataset,
          },
        )
      ).data?.dataset.imports.edges.map((edge: { node: unknown }) => edge.node) as {
        id: string;
        status: string;
        rowsImported: number;
        failureReason: string | null;
      }[];

    const sending = startUpload(`${url}/v1/datasets/${dataset}/import?format=jsonl`, key);
    await sending.write(`${Array.from({ length: 600 }, (_, i) => `{"question":"q${i}"}`).join('\n')}\n`);
    for (let i = 0; i < 100 && (await readImports())[0]?.rowsImported !== 500; i++) await settle();
    expect(await readImports()).toMatchObject([{ status: 'RUNNING', rowsImported: 500 }]);
    first.child.kill('SIGKILL');
    await first.exited;
    await backdate();

    const second = spawnServer(base);
    cleanups.push(async () => {
      second.child.kill('SIGTERM');
      await second.exited;
    });
    await waitForOutput(second, /AgentLoop is listening/);
    expect(await readImports()).toEqual([
      {
        id: expect.any(String),
        status: 'FAILED',
        rowsImported: 500,
        failureReason: 'interrupted: the server running it stopped before it finished',
      },
    ]);
  });
});
