import { createAgentLoopClient, DatasetSqlDocument } from '@agentloop/client';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../server/src/generated/prisma/client.js';
import { decodeGlobalId, encodeGlobalId } from '../server/src/graphql/global-id.js';
import { createKeyVia, createProjectVia, errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

const RUN = `mutation($dataset: ID!, $sql: String!, $params: [JSON!]) {
  datasetSql(dataset: $dataset, sql: $sql, params: $params) {
    __typename
    ... on DatasetSqlResult { kind columns rows truncated affectedRows recordIds records { id version data } }
    ... on DatasetSqlError { position { position line column } }
    ... on Error { code message }
  }
}`;

const FIELDS = [
  { name: 'question', type: 'TEXT', required: true },
  { name: 'score', type: 'LONG' },
  { name: 'ratio', type: 'DOUBLE' },
  { name: 'meta', type: 'JSON' },
];

describe('datasetSql', () => {
  const t = useTestServer();
  let prisma: PrismaClient;
  const keys = { viewer: '', member: '', foreign: '' };
  /** Datasets as { id (uuid), gid (global ID) }: qa and twin share field names in one project; foreign is "qa" in another. */
  const ds = {} as Record<'qa' | 'twin' | 'foreign', { id: string; gid: string }>;

  const run = async (key: string, dataset: string, sql: string, params?: unknown[]) => {
    const res = await gql(t.server.url, key, RUN, { dataset, sql, params });
    return { res, result: res.data?.datasetSql };
  };
  /** Runs and expects success. */
  const ok = async (sql: string, params?: unknown[], key = keys.member, dataset = ds.qa.gid) => {
    const { res, result } = await run(key, dataset, sql, params);
    expect(result?.__typename, JSON.stringify(res)).toBe('DatasetSqlResult');
    return result;
  };
  /** Runs and expects a DatasetSqlError; returns it. */
  const refused = async (sql: string, params?: unknown[], dataset = ds.qa.gid) => {
    const { res, result } = await run(keys.member, dataset, sql, params);
    expect(result?.__typename, `${sql}\n${JSON.stringify(res)}`).toBe('DatasetSqlError');
    expect(result.code).toBe('INVALID_INPUT');
    return result as { message: string; position: { line: number; column: number; position: number } | null };
  };

  beforeAll(async () => {
    prisma = (await t.database.open()).prisma;
    keys.viewer = (await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer' })).secret;
    keys.member = (await createKeyVia(t.server.url, t.server.adminKey, { role: 'member' })).secret;
    const otherProjectGid = await createProjectVia(t.server.url, t.server.adminKey, 'other');
    keys.foreign = (await createKeyVia(t.server.url, t.server.adminKey, { project: otherProjectGid, role: 'member' })).secret;
    const create = async (key: string, name: string) => {
      const res = await gql(
        t.server.url,
        key,
        `mutation($input: CreateDatasetInput!) { createDataset(input: $input) {
          __typename ... on DatasetPayload { dataset { id } } ... on Error { code message } } }`,
        { input: { name, fields: FIELDS } },
      );
      expect(res.data?.createDataset.__typename, JSON.stringify(res)).toBe('DatasetPayload');
      const gid: string = res.data?.createDataset.dataset.id;
      return { id: decodeGlobalId(gid).id, gid };
    };
    ds.qa = await create(keys.member, 'qa');
    ds.twin = await create(keys.member, 'twin');
    ds.foreign = await create(keys.foreign, 'qa');
  });

  it('inserts through the record write path: versions, outbox rows and an audit entry', async () => {
    const result = await ok(
      `INSERT INTO qa (question, score, ratio, meta) VALUES
         ('What is 2+2?', 4, 0.5, '{"kind": "math", "level": {"n": 1}}'),
         ('Capital of France?', 7, 1.5, '{"kind": "geo", "level": {"n": 3}}'),
         ('Largest ocean?', 2, NULL, '{"kind": "geo", "level": {"n": 2}}'),
         ($1, $2, $3, $4)`,
      ['\'); DROP TABLE "DatasetRecord"; --', 9, 2.25, { kind: 'math', level: { n: 5 } }],
    );
    expect(result).toMatchObject({ kind: 'INSERT', affectedRows: 4, columns: [], rows: [] });
    expect(result.recordIds).toHaveLength(4);
    expect(result.records.map((r: { version: number }) => r.version)).toEqual([1, 1, 1, 1]);
    expect(result.records[3].data).toEqual({
      question: '\'); DROP TABLE "DatasetRecord"; --',
      score: 9,
      ratio: 2.25,
      meta: { kind: 'math', level: { n: 5 } },
    });
    const versions = await prisma.datasetRecordVersion.findMany({ where: { datasetId: ds.qa.id } });
    expect(versions.map((v) => [v.version, v.operation])).toEqual(Array(4).fill([1, 'INSERT']));
    expect(await prisma.searchOutbox.count({ where: { datasetId: ds.qa.id, operation: 'UPSERT' } })).toBe(4);
    const audit = await prisma.auditLogEntry.findFirst({ where: { action: 'dataset.sql', entityId: ds.qa.id } });
    expect(audit?.summary).toMatchObject({ statement: 'INSERT', affectedRows: 4 });

    // The same field names in another dataset of this project, and a dataset named qa in another project.
    await ok(
      `INSERT INTO twin (question, score, meta) VALUES ('twin row', 100, '{"kind": "math"}')`,
      [],
      keys.member,
      ds.twin.gid,
    );
    await ok(
      `INSERT INTO qa (question, score, meta) VALUES ('foreign row', 100, '{"kind": "math"}')`,
      [],
      keys.foreign,
      ds.foreign.gid,
    );
  });

  it('selects with json dot-path filters, ORDER BY and LIMIT', async () => {
    const result = await ok(
      `SELECT question, meta.level.n AS level, score FROM qa WHERE meta.kind = 'geo' AND meta.level.n >= 2 ORDER BY meta.level.n DESC LIMIT 5`,
    );
    expect(result).toMatchObject({ kind: 'SELECT', columns: ['question', 'level', 'score'], truncated: false, affectedRows: 2 });
    expect(result.rows).toEqual([
      ['Capital of France?', 3, 7],
      ['Largest ocean?', 2, 2],
    ]);
    const injected = await ok('SELECT question, ratio FROM dataset WHERE score = $1', [9]);
    expect(injected.rows).toEqual([['\'); DROP TABLE "DatasetRecord"; --', 2.25]]);
    const all = await ok('SELECT * FROM qa ORDER BY id LIMIT 1');
    expect(all.columns).toEqual(['id', 'question', 'score', 'ratio', 'meta']);
    expect(all.rows[0]).toEqual([all.rows[0][0], 'What is 2+2?', 4, 0.5, { kind: 'math', level: { n: 1 } }]);
  });

  it('works through the typed client', async () => {
    const client = createAgentLoopClient({ url: `${t.server.url}/graphql`, apiKey: keys.viewer });
    const { datasetSql } = await client.request(DatasetSqlDocument, {
      dataset: ds.qa.gid,
      sql: 'SELECT question FROM qa WHERE score > $1 ORDER BY score LIMIT 1',
      params: [5],
    });
    if (datasetSql.__typename !== 'DatasetSqlResult') throw new Error(JSON.stringify(datasetSql));
    expect(datasetSql.rows).toEqual([['Capital of France?']]);
    const { datasetSql: error } = await client.request(DatasetSqlDocument, {
      dataset: ds.qa.gid,
      sql: 'SELECT pg_sleep(1) FROM qa',
    });
    if (error.__typename !== 'DatasetSqlError') throw new Error(JSON.stringify(error));
    expect(error.position).toEqual({ position: 8, line: 1, column: 8 });
  });

  it('groups and aggregates for analysis', async () => {
    const result = await ok(
      `SELECT meta.kind AS kind, count(*) AS n, sum(score), avg(ratio), min(question), max(score)
       FROM qa GROUP BY meta.kind HAVING count(*) >= 1 ORDER BY kind`,
    );
    expect(result.columns).toEqual(['kind', 'n', 'sum', 'avg', 'min', 'max']);
    expect(result.rows).toEqual([
      ['geo', 2, 9, 1.5, 'Capital of France?', 7],
      ['math', 2, 13, 1.375, '\'); DROP TABLE "DatasetRecord"; --', 9],
    ]);
    const bucketed = await ok(
      `SELECT CASE WHEN score > 5 THEN 'high' ELSE 'low' END AS bucket, count(*) FROM qa GROUP BY 1 ORDER BY 1`,
    );
    expect(bucketed.rows).toEqual([
      ['high', 2],
      ['low', 2],
    ]);
  });

  it('updates by id with computed values, keeping versions', async () => {
    const [first] = (await ok(`SELECT id FROM qa WHERE question = 'What is 2+2?'`)).rows[0];
    const result = await ok(`UPDATE qa SET score = score + 1, meta.level.n = 10, question = upper(question) WHERE id = $1`, [
      first,
    ]);
    expect(result).toMatchObject({ kind: 'UPDATE', affectedRows: 1, recordIds: [first] });
    const record = await prisma.datasetRecord.findUniqueOrThrow({ where: { id: first } });
    expect(record.data).toEqual({ question: 'WHAT IS 2+2?', score: 5, ratio: 0.5, meta: { kind: 'math', level: { n: 10 } } });
    expect(record.version).toBe(2);
    expect(result.records).toEqual([{ id: encodeGlobalId('DatasetRecord', first), version: 2, data: record.data }]);
    // The API's record IDs work in SQL too.
    const byGlobalId = await ok(`UPDATE qa SET ratio = 0.75 WHERE id = $1`, [encodeGlobalId('DatasetRecord', first)]);
    expect(byGlobalId).toMatchObject({ affectedRows: 1, records: [{ version: 3, data: { ratio: 0.75 } }] });
    const versions = await prisma.datasetRecordVersion.findMany({ where: { recordId: first }, orderBy: { version: 'asc' } });
    expect(versions.map((v) => [v.version, v.operation])).toEqual([
      [1, 'INSERT'],
      [2, 'UPDATE'],
      [3, 'UPDATE'],
    ]);
    expect(versions[0]?.data).toMatchObject({ question: 'What is 2+2?', score: 4 });

    // Extra conditions narrow the ids; nothing matches, nothing is written.
    const none = await ok(`UPDATE qa SET score = 0 WHERE id = $1 AND score > 100`, [first]);
    expect(none).toMatchObject({ affectedRows: 0, recordIds: [] });
    // Values are validated against the schema like every other write.
    const invalid = await run(keys.member, ds.qa.gid, `UPDATE qa SET score = 1.5 WHERE id = $1`, [first]);
    expect(invalid.result).toMatchObject({ __typename: 'InvalidInputError', code: 'INVALID_INPUT' });
    expect(invalid.result.message).toMatch(/score.*integer/);
  });

  it('refuses UPDATE and DELETE without an id, saying where', async () => {
    const update = await refused(`UPDATE qa SET score = 1 WHERE score > 0`);
    expect(update.message).toMatch(/UPDATE must target records by id/);
    expect(update.position).toEqual({ position: 31, line: 1, column: 31 });
    expect((await refused(`DELETE FROM qa`)).message).toMatch(/DELETE must target records by id/);
    expect((await refused(`UPDATE qa SET score = 1 WHERE id = 'x' OR score > 0`)).message).toMatch(/by id/);
    expect((await refused(`UPDATE qa SET score = 1 WHERE id = 'not-a-uuid'`)).message).toMatch(/not a record id/);
    expect(await prisma.datasetRecordVersion.count({ where: { datasetId: ds.qa.id, operation: 'UPDATE' } })).toBe(2);
  });

  it('deletes by id, keeping the history', async () => {
    const [id] = (await ok(`SELECT id FROM qa WHERE question = 'Largest ocean?'`)).rows[0];
    const result = await ok(`DELETE FROM qa WHERE id IN ($1, '00000000-0000-7000-8000-000000000000')`, [id]);
    expect(result).toMatchObject({ kind: 'DELETE', affectedRows: 1, recordIds: [id] });
    expect(await prisma.datasetRecord.count({ where: { id } })).toBe(0);
    const last = await prisma.datasetRecordVersion.findFirst({ where: { recordId: id }, orderBy: { version: 'desc' } });
    expect(last).toMatchObject({ version: 2, operation: 'DELETE', data: null });
  });

  it('lets viewers read but not write', async () => {
    expect((await ok('SELECT count(*) FROM qa', [], keys.viewer)).rows).toEqual([[3]]);
    const { res } = await run(keys.viewer, ds.qa.gid, `INSERT INTO qa (question) VALUES ('x')`);
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(res.errors?.[0]?.message).toContain("requires the 'member' role");
  });

  it('never reaches another dataset, another project or the catalog', async () => {
    // Same field names, same project: only this dataset's rows.
    const questions = (await ok('SELECT question FROM qa ORDER BY question')).rows.flat();
    expect(questions).not.toContain('twin row');
    expect(questions).not.toContain('foreign row');
    // The other dataset by name is not a table here.
    expect((await refused('SELECT * FROM twin')).message).toMatch(/table "twin" is not reachable/);
    // Its records cannot be updated or deleted through this dataset, even by id.
    const [twinId] = (await ok('SELECT id FROM twin', [], keys.member, ds.twin.gid)).rows[0];
    expect(await ok('UPDATE qa SET score = 0 WHERE id = $1', [twinId])).toMatchObject({ affectedRows: 0 });
    expect(await ok('DELETE FROM qa WHERE id = $1', [twinId])).toMatchObject({ affectedRows: 0 });
    expect(await prisma.datasetRecord.findUniqueOrThrow({ where: { id: twinId } })).toMatchObject({ version: 1 });
    // Another project's dataset (also named qa) is not found, whatever the statement.
    const foreign = await run(keys.member, ds.foreign.gid, 'SELECT * FROM qa');
    expect(foreign.result).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    const mine = await run(keys.foreign, ds.qa.gid, 'DELETE FROM qa WHERE id = $1', [twinId]);
    expect(mine.result).toMatchObject({ __typename: 'NotFoundError' });
    // The foreign project's own view has only its row.
    expect((await ok('SELECT question FROM qa', [], keys.foreign, ds.foreign.gid)).rows).toEqual([['foreign row']]);
    // The catalog and other tables.
    for (const sql of [
      'SELECT * FROM pg_catalog.pg_tables',
      'SELECT * FROM "DatasetRecord"',
      'SELECT * FROM public.qa',
      'SELECT * FROM qa, twin',
      'SELECT * FROM qa JOIN twin ON true',
      'SELECT (SELECT count(*) FROM "ApiKey") FROM qa',
      "SELECT current_setting('search_path') FROM qa",
      'SELECT pg_sleep(10) FROM qa',
      "SELECT * FROM dblink('host=x', 'select 1') AS t(a int)",
      'SELECT question::regclass FROM qa',
      'SELECT ctid, xmin FROM qa',
      'WITH x AS (SELECT 1) SELECT * FROM qa',
      'SELECT question FROM qa UNION SELECT name FROM "Project"',
      'SELECT question FROM qa; DELETE FROM qa',
      'DROP TABLE qa',
    ]) {
      await refused(sql);
    }
    expect(await prisma.datasetRecord.count({ where: { datasetId: ds.qa.id } })).toBe(3);
  });

  it('caps IN lists and rows, and turns data errors into INVALID_INPUT', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => `'00000000-0000-7000-8000-${String(i).padStart(12, '0')}'`);
    expect((await refused(`DELETE FROM qa WHERE id IN (${ids.join(',')})`)).message).toMatch(
      /at most 1000 items; this one has 1001/,
    );
    expect(await ok(`DELETE FROM qa WHERE id IN (${ids.slice(0, 1000).join(',')})`)).toMatchObject({ affectedRows: 0 });
    expect((await refused('SELECT score / 0 FROM qa')).message).toMatch(/division by zero/);
    await ok(
      `INSERT INTO twin (question) VALUES ${Array.from({ length: 1000 }, (_, i) => `('q${i}')`).join(',')}`,
      [],
      keys.member,
      ds.twin.gid,
    );
    const capped = await ok('SELECT question FROM twin', [], keys.viewer, ds.twin.gid);
    expect(capped).toMatchObject({ truncated: true, affectedRows: 1000 });
    const limited = await ok('SELECT question FROM twin LIMIT 3 OFFSET 2', [], keys.viewer, ds.twin.gid);
    expect(limited).toMatchObject({ truncated: false, affectedRows: 3 });
  });
});
