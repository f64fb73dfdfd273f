import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server/src/app.js';
import { loadConfig } from '../server/src/config/config.js';
import { type CliEnv, cliProcess } from './support/cli-runner.js';
import { gql } from './support/graphql-client.js';
import { createTestDatabase, usingPostgres } from './support/test-database.js';

type Env = CliEnv;
const cli = cliProcess;

const FIELDS = [
  { name: 'question', type: 'TEXT', required: true },
  { name: 'answer', type: 'TEXT' },
  { name: 'turns', type: 'LONG' },
  { name: 'score', type: 'DOUBLE' },
  { name: 'meta', type: 'JSON', jsonKeys: ['lang'] },
];

// Each step spawns the CLI (tsx, then the database) several times: seconds apiece on a busy machine.
describe('agentloop dataset import / export', { timeout: 240_000 }, () => {
  let env: Env;
  let dir: string;
  let adminKey: string;
  let cleanup = async () => {};
  let source: string;

  /**
   * A server on the CLI's database for what the CLI does not do (create datasets, read through
   * GraphQL). Stopped before the CLI runs: the embedded database opens in one process at a time.
   */
  const withServer = async <T>(work: (server: RunningServer) => Promise<T>): Promise<T> => {
    const config = loadConfig({
      ...env,
      PORT: '0',
      AGENTLOOP_HOST: '127.0.0.1',
      NODE_ENV: 'test',
      AGENTLOOP_EMBEDDED_SEARCH: 'false',
    });
    const server = await startServer({ config, logger: pino({ level: 'silent' }) });
    try {
      if (server.bootstrap) adminKey = server.bootstrap.apiKeySecret;
      return await work(server);
    } finally {
      await server.stop();
    }
  };
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentloop-cli-datasets-'));
    if (usingPostgres()) {
      const database = await createTestDatabase();
      env = { DATABASE_URL: database.url ?? '' };
      cleanup = () => database.drop();
    } else {
      env = { AGENTLOOP_DATA_DIR: join(dir, 'data') };
    }
    await withServer(async (server) => {
      const create = async (name: string) => {
        const res = await gql(
          server.url,
          adminKey,
          'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
          { input: { name, fields: FIELDS } },
        );
        return res.data?.createDataset.dataset.id as string;
      };
      source = await create('cli source');
      await create('cli copy');
    });
  });
  afterAll(async () => {
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it.sequential('imports a JSONL file by dataset name, reporting bad rows, recorded as an import by "cli"', async () => {
    const rows = [
      '{"question":"What is 2+2?","answer":"4","turns":1,"score":0.5,"meta":{"lang":"en"}}',
      '{"question":"multi\\nline, \\"quoted\\"","meta":{"nested":{"a":[1,2]}}}',
      '{"question":"bad","turns":"three"}',
      '{"question":"你好吗?","meta":{"lang":"zh"}}',
    ];
    await writeFile(file('rows.jsonl'), `${rows.join('\n')}\n`);
    const run = await cli(env, 'dataset', 'import', 'cli source', file('rows.jsonl'), '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      status: 'SUCCEEDED',
      reason: null,
      format: 'jsonl',
      onError: 'continue',
      rows: 4,
      imported: 3,
      failed: 1,
      errors: [{ row: 3, field: 'turns', message: 'must be an integer (long field), got the string "three"' }],
    });

    // Human output, by GraphQL ID, CSV (from the extension).
    await writeFile(file('more.csv'), 'question,turns\n"from csv, quoted",7\n');
    const human = await cli(env, 'dataset', 'import', source, file('more.csv'));
    expect(human.code).toBe(0);
    expect(human.stderr).toBe('');
    expect(human.stdout).toMatch(/^Imported 1 of 1 row into dataset "cli source" \(project "default"\) in [\d.]+ s/);
    expect(human.stdout).toMatch(/Import ID: [0-9a-f-]{36}/);

    await withServer(async (server) => {
      const res = await gql(
        server.url,
        adminKey,
        'query($id: ID!) { datasetImport(id: $id) { status createdBy rowsRead rowsImported rowsRejected format errors { row field } } }',
        { id: report.globalId },
      );
      expect(res.data?.datasetImport).toEqual({
        status: 'SUCCEEDED',
        createdBy: 'cli',
        rowsRead: 4,
        rowsImported: 3,
        rowsRejected: 1,
        format: 'JSONL',
        errors: [{ row: 3, field: 'turns' }],
      });
    });
  });

  it.sequential('with --on-error stop writes nothing, prints the report and exits 1', async () => {
    await writeFile(file('stop.csv'), 'question,turns\nfine,1\nbroken,1.5\n');
    const run = await cli(env, 'dataset', 'import', 'cli copy', file('stop.csv'), '--on-error', 'stop', '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'FAILED',
      reason: 'onError=stop: row 2 (turns) was rejected, so nothing was imported',
      imported: 0,
      failed: 1,
    });
    const human = await cli(env, 'dataset', 'import', 'cli copy', file('stop.csv'), '--on-error', 'stop');
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^Import FAILED: 0 of 2 rows imported/);
    expect(human.stdout).toContain('  row 2, turns: must be an integer (long field), got "1.5"');
  });

  it.sequential('exports to a file or stdout, and the export imports back into an equal dataset', async () => {
    const exported = await cli(env, 'dataset', 'export', 'cli source', '--out', file('out.jsonl'), '--json');
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(exported.stdout)).toMatchObject({ records: 4, format: 'jsonl', snapshotId: null });
    const text = await readFile(file('out.jsonl'), 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(4);
    const stdout = await cli(env, 'dataset', 'export', source);
    expect(stdout).toEqual({ code: 0, stdout: text, stderr: '' });

    const csv = await cli(env, 'dataset', 'export', 'cli source', '--out', file('out.csv'));
    expect(csv).toEqual({
      code: 0,
      stdout: `Exported 4 records of dataset "cli source" to ${file('out.csv')} (csv).\n`,
      stderr: '',
    });
    const back = await cli(env, 'dataset', 'import', 'cli copy', file('out.csv'), '--on-error', 'stop', '--json');
    expect(JSON.parse(back.stdout)).toMatchObject({ status: 'SUCCEEDED', imported: 4, failed: 0 });
    expect((await cli(env, 'dataset', 'export', 'cli copy')).stdout).toBe(text);
  });

  it.sequential("exports a snapshot's frozen versions with --snapshot", async () => {
    const frozen = await withServer(async (server) => {
      const snap = await gql(
        server.url,
        adminKey,
        'mutation($input: CreateDatasetSnapshotInput!) { createDatasetSnapshot(input: $input) { ... on DatasetSnapshotPayload { snapshot { id records(first: 10) { edges { node { data } } } } } } }',
        { input: { dataset: source, name: 'v1' } },
      );
      // Changed after the snapshot: the snapshot export must not see it.
      await fetch(`${server.url}/v1/datasets/${source}/import?format=jsonl`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}` },
        body: '{"question":"later"}\n',
      });
      const edges = snap.data?.createDatasetSnapshot.snapshot.records.edges as { node: { data: unknown } }[];
      return edges.map((edge) => edge.node.data);
    });
    const run = await cli(env, 'dataset', 'export', 'cli source', '--snapshot', 'v1');
    expect(run.code).toBe(0);
    expect(
      run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(frozen);
    expect(frozen).toHaveLength(4);
    const live = await cli(env, 'dataset', 'export', 'cli source');
    expect(live.stdout.trimEnd().split('\n')).toHaveLength(5);
  });

  it.sequential('refuses a missing file, an unknown format, an unknown dataset and --json without --out', async () => {
    const missing = await cli(env, 'dataset', 'import', 'cli source', file('nope.jsonl'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^agentloop: .*no such file or directory.*nope\.jsonl/);
    await writeFile(file('rows.txt'), '{}\n');
    const format = await cli(env, 'dataset', 'import', 'cli source', file('rows.txt'));
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/missing required option --format/);
    const unknown = await cli(env, 'dataset', 'export', 'no such dataset');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Dataset no such dataset was not found/);
    const json = await cli(env, 'dataset', 'export', 'cli source', '--json');
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/--json needs --out/);
  });
});
