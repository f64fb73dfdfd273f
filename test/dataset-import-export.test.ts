import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

const FIELDS = [
  { name: 'question', type: 'TEXT', required: true },
  { name: 'answer', type: 'TEXT' },
  { name: 'turns', type: 'LONG' },
  { name: 'score', type: 'DOUBLE' },
  { name: 'meta', type: 'JSON', jsonKeys: ['lang'] },
];

type Report = {
  rows: number;
  imported: number;
  failed: number;
  stopped: boolean;
  errors: { row: number; field: string | null; message: string }[];
};

/** POSTs a body made of chunks (strings or generators of them) without ever building it whole. */
const post = (url: string, key: string, body: Iterable<string>): Promise<{ status: number; json: unknown }> =>
  new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    const chunks = body[Symbol.iterator]();
    const write = () => {
      for (;;) {
        const next = chunks.next();
        if (next.done) return void req.end();
        if (!req.write(next.value)) return void req.once('drain', write);
      }
    };
    write();
  });

describe('dataset import and export over HTTP', () => {
  const t = useTestServer();
  let dataset: string;
  let foreignKey: string;

  const createDataset = async (name: string) => {
    const res = await gql(
      t.server.url,
      t.server.adminKey,
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
      { input: { name, fields: FIELDS } },
    );
    return res.data?.createDataset.dataset.id as string;
  };
  const records = async (id: string) => {
    const res = await gql(
      t.server.url,
      t.server.adminKey,
      'query($id: ID!) { dataset(id: $id) { records(first: 100) { edges { node { data } } } } }',
      { id },
    );
    return ((res.data?.dataset.records.edges ?? []) as { node: { data: unknown } }[]).map((edge) => edge.node.data);
  };
  const importUrl = (id: string, query: string) => `${t.server.url}/v1/datasets/${id}/import?${query}`;
  const exportText = async (id: string, query: string, key = t.server.adminKey) => {
    const res = await fetch(`${t.server.url}/v1/datasets/${id}/export?${query}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  beforeAll(async () => {
    dataset = await createDataset('imports');
    const other = await createProjectVia(t.server.url, t.server.adminKey, 'other team');
    foreignKey = (await createKeyVia(t.server.url, t.server.adminKey, { project: other, role: 'admin' })).secret;
  });

  it('imports good JSONL rows and reports each bad row by line and field, skipping them', async () => {
    const body = [
      '{"question":"What is 2+2?","answer":"4","turns":1,"score":0.5,"meta":{"lang":"en"}}\n',
      '\n',
      '{"question":"no answer"}\n',
      '{"answer":"missing question","turns":"three"}\n',
      'not json at all\n',
      '{"question":"typo","anwser":"x"}\n',
      '{"question":"你好吗?","meta":{"lang":"zh"}}',
    ];
    const { status, json } = await post(importUrl(dataset, 'format=jsonl&onError=continue'), t.server.adminKey, body);
    expect(status).toBe(200);
    const report = json as Report;
    expect(report).toMatchObject({ rows: 6, imported: 3, failed: 3, stopped: false });
    expect(report.errors).toEqual([
      { row: 4, field: 'turns', message: 'must be an integer (long field), got the string "three"' },
      { row: 4, field: 'question', message: 'is required' },
      { row: 5, field: null, message: expect.stringMatching(/^is not valid JSON: /) },
      { row: 6, field: 'anwser', message: 'is not a field of this dataset (fields: question, answer, turns, score, meta)' },
    ]);
    expect(await records(dataset)).toEqual([
      { question: 'What is 2+2?', answer: '4', turns: 1, score: 0.5, meta: { lang: 'en' } },
      { question: 'no answer' },
      { question: '你好吗?', meta: { lang: 'zh' } },
    ]);
  });

  it('with onError=stop writes nothing when any row is bad', async () => {
    const target = await createDataset('all or nothing');
    const good = Array.from({ length: 1200 }, (_, i) => `{"question":"q${i}"}\n`);
    const { json } = await post(importUrl(target, 'format=jsonl&onError=stop'), t.server.adminKey, [...good, '{"question":5}\n']);
    expect(json).toMatchObject({
      imported: 0,
      stopped: true,
      errors: [{ row: 1201, field: 'question', message: 'must be a string (text field), got number 5' }],
    });
    expect(await records(target)).toEqual([]);
  });

  it('imports CSV with typed cells, and reports broken quoting at its row without writing it', async () => {
    const target = await createDataset('csv');
    const ok = await post(importUrl(target, 'format=csv'), t.server.adminKey, [
      'question,answer,turns,score,meta\n',
      '"Hello, world","He said ""hi""",2,0.25,"{""lang"":""en""}"\n',
      'plain,,,,\n',
      'bad long,x,2.5,,\n',
    ]);
    expect(ok.json).toMatchObject({
      rows: 3,
      imported: 2,
      failed: 1,
      errors: [{ row: 3, field: 'turns', message: 'must be an integer (long field), got "2.5"' }],
    });
    expect(await records(target)).toEqual([
      { question: 'Hello, world', answer: 'He said "hi"', turns: 2, score: 0.25, meta: { lang: 'en' } },
      { question: 'plain' },
    ]);

    const broken = await post(importUrl(target, 'format=csv'), t.server.adminKey, [
      'question,answer\n',
      'fine,row\n',
      '"never closed,row\n',
      'after,it\n',
    ]);
    expect(broken.json).toMatchObject({ imported: 1, stopped: true, failed: 1 });
    expect((broken.json as Report).errors).toEqual([
      {
        row: 2,
        field: null,
        message: expect.stringMatching(/^cannot be read as CSV: .*Quote Not Closed.*the rest of the file was not read$/),
      },
    ]);
  });

  it('refuses a 100 MB line as that row alone, streaming, and imports the rows around it', async () => {
    const target = await createDataset('huge line');
    const megabyte = 'x'.repeat(1024 * 1024);
    function* body() {
      yield '{"question":"before"}\n';
      yield '{"question":"';
      for (let i = 0; i < 100; i++) yield megabyte;
      yield '"}\n';
      yield '{"question":"after"}\n';
    }
    const { status, json } = await post(importUrl(target, 'format=jsonl'), t.server.adminKey, body());
    expect(status).toBe(200);
    expect(json).toMatchObject({
      rows: 3,
      imported: 2,
      failed: 1,
      errors: [{ row: 2, field: null, message: expect.stringMatching(/^is longer than \d+ bytes; the line was skipped$/) }],
    });
    expect(await records(target)).toEqual([{ question: 'before' }, { question: 'after' }]);
  });

  it("answers 404 to another project's key, 403 to a viewer and 400 naming a bad parameter", async () => {
    const foreign = await post(importUrl(dataset, 'format=jsonl'), foreignKey, ['{"question":"sneaky"}\n']);
    expect(foreign.status).toBe(404);
    expect((await exportText(dataset, 'format=jsonl', foreignKey)).status).toBe(404);
    const viewer = (await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer' })).secret;
    expect((await post(importUrl(dataset, 'format=jsonl'), viewer, ['{"question":"x"}\n'])).status).toBe(403);
    expect((await exportText(dataset, 'format=jsonl', viewer)).status).toBe(200);
    const bad = await post(importUrl(dataset, 'format=xml'), t.server.adminKey, ['{}']);
    expect(bad).toMatchObject({
      status: 400,
      json: { code: 'INVALID_INPUT', issues: [{ path: 'format', message: 'must be jsonl or csv' }] },
    });
    expect(await records(dataset)).not.toContainEqual({ question: 'sneaky' });
  });

  it('exports JSONL and CSV that import back into an equal dataset', async () => {
    const jsonl = await exportText(dataset, 'format=jsonl');
    expect(jsonl.type).toMatch(/^application\/x-ndjson/);
    const csv = await exportText(dataset, 'format=csv');
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('"question","answer","turns","score","meta"');

    const fromJsonl = await createDataset('round trip jsonl');
    expect((await post(importUrl(fromJsonl, 'format=jsonl&onError=stop'), t.server.adminKey, [jsonl.text])).json).toMatchObject({
      imported: 3,
      failed: 0,
    });
    const fromCsv = await createDataset('round trip csv');
    expect((await post(importUrl(fromCsv, 'format=csv&onError=stop'), t.server.adminKey, [csv.text])).json).toMatchObject({
      imported: 3,
      failed: 0,
    });
    const original = await records(dataset);
    expect(await records(fromJsonl)).toEqual(original);
    expect(await records(fromCsv)).toEqual(original);
    expect((await exportText(fromCsv, 'format=jsonl')).text).toBe(jsonl.text);
  });
  it("exports a snapshot's exact record versions, by name or ID, whatever changed since", async () => {
    const target = await createDataset('snapshotted');
    await post(importUrl(target, 'format=jsonl&onError=stop'), t.server.adminKey, [
      '{"question":"one","turns":1}\n{"question":"two","meta":{"lang":"en"}}\n{"question":"three, with comma","score":0.5}\n',
    ]);
    const snap = await gql(
      t.server.url,
      t.server.adminKey,
      'mutation($input: CreateDatasetSnapshotInput!) { createDatasetSnapshot(input: $input) { ... on DatasetSnapshotPayload { snapshot { id } } } }',
      { input: { dataset: target, name: 'golden v1' } },
    );
    const snapshotId = snap.data?.createDatasetSnapshot.snapshot.id as string;
    const ids = await gql(
      t.server.url,
      t.server.adminKey,
      'query($id: ID!) { dataset(id: $id) { records(first: 10) { edges { node { id } } } } }',
      { id: target },
    );
    const edges = (ids.data?.dataset.records.edges ?? []) as { node: { id: string } }[];
    const [first, second] = edges.map((edge) => edge.node.id);
    // After the snapshot: one record changed, one deleted, one added.
    await gql(
      t.server.url,
      t.server.adminKey,
      'mutation($input: UpdateDatasetRecordInput!) { updateDatasetRecord(input: $input) { __typename } }',
      { input: { id: first, data: { question: 'one, edited' } } },
    );
    await gql(
      t.server.url,
      t.server.adminKey,
      'mutation($input: DeleteDatasetRecordsInput!) { deleteDatasetRecords(input: $input) { __typename } }',
      { input: { dataset: target, ids: [second] } },
    );
    await post(importUrl(target, 'format=jsonl'), t.server.adminKey, ['{"question":"four"}\n']);

    const frozen = await gql(
      t.server.url,
      t.server.adminKey,
      'query($id: ID!) { node(id: $id) { ... on DatasetSnapshot { records(first: 10) { edges { node { data } } } } } }',
      { id: snapshotId },
    );
    const snapshotData = frozen.data?.node.records.edges.map((edge: { node: { data: unknown } }) => edge.node.data);
    expect(snapshotData).toEqual([
      { question: 'one', turns: 1 },
      { question: 'two', meta: { lang: 'en' } },
      { question: 'three, with comma', score: 0.5 },
    ]);
    const byName = await exportText(target, `format=jsonl&snapshot=${encodeURIComponent('golden v1')}`);
    expect(byName.status).toBe(200);
    expect(
      byName.text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(snapshotData);
    const byId = await exportText(target, `format=jsonl&snapshot=${snapshotId}`);
    expect(byId.text).toBe(byName.text);
    // The current records differ: the snapshot export is not the live one.
    expect((await exportText(target, 'format=jsonl')).text).not.toBe(byName.text);

    // CSV of the snapshot imports back into a dataset equal to the snapshot.
    const csv = await exportText(target, `format=csv&snapshot=${snapshotId}`);
    expect(csv.type).toMatch(/^text\/csv/);
    const copy = await createDataset('snapshot copy');
    expect((await post(importUrl(copy, 'format=csv&onError=stop'), t.server.adminKey, [csv.text])).json).toMatchObject({
      imported: 3,
      failed: 0,
    });
    expect(await records(copy)).toEqual(snapshotData);

    // A snapshot of another dataset, an unknown name and another project's key are all 404.
    const otherSnapshot = await exportText(dataset, `format=jsonl&snapshot=${snapshotId}`);
    expect(otherSnapshot.status).toBe(404);
    const unknown = await exportText(target, 'format=jsonl&snapshot=golden%20v2');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await exportText(target, `format=jsonl&snapshot=${snapshotId}`, foreignKey)).status).toBe(404);
    expect((await exportText(target, 'format=jsonl&snapshot=')).status).toBe(400);
  });
});
