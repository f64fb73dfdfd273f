import { request } from 'node:http';
import { openBenchDatabase } from './support/bench-database.js';
import { currentLoad, machineLoad } from './support/machine-load.js';
import { startBenchServer } from './support/start-bench-server.js';

/** Records to import; BENCH_IMPORT_RECORDS overrides (the goal is measured at 100k). */
const RECORDS = Number(process.env.BENCH_IMPORT_RECORDS ?? 100_000);

const FIELDS = [
  { name: 'question', type: 'TEXT', required: true },
  { name: 'answer', type: 'TEXT' },
  { name: 'context', type: 'TEXT' },
  { name: 'turns', type: 'LONG' },
  { name: 'score', type: 'DOUBLE' },
  { name: 'meta', type: 'JSON', jsonKeys: ['lang', 'source.app'] },
];

const LANGS = ['en', 'zh', 'de', 'fr'];

/** A realistic row: a question, a longer answer and context, counts, a score and nested metadata. */
const row = (i: number) =>
  JSON.stringify({
    question: `How do I reset the password of account ${i} when the recovery e-mail no longer exists?`,
    answer: `Open settings, choose security, then "reset" (ticket ${i}). `.repeat(3),
    context: `Customer ${i % 997} wrote in through the help widget; earlier turns mention billing and login trouble. `.repeat(2),
    turns: (i % 12) + 1,
    score: (i % 100) / 100,
    meta: { lang: LANGS[i % LANGS.length], source: { app: `app-${i % 7}`, version: '1.4.2' }, tags: ['support', 'password'] },
  });

/** The file, generated as it is sent, in chunks of 1,000 lines: the benchmark never holds it whole. */
function* body(): Generator<string> {
  for (let start = 0; start < RECORDS; start += 1000) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(start + 1000, RECORDS); i++) lines.push(row(i));
    yield `${lines.join('\n')}\n`;
  }
}

const post = (url: string, key: string): Promise<{ status: number; json: any; bytes: number }> =>
  new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
    });
    let bytes = 0;
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text), bytes }));
    });
    const chunks = body();
    const write = () => {
      for (;;) {
        const next = chunks.next();
        if (next.done) return void req.end();
        bytes += Buffer.byteLength(next.value);
        if (!req.write(next.value)) return void req.once('drain', write);
      }
    };
    write();
  });

/**
 * Imports RECORDS JSONL records over HTTP (POST /v1/datasets/<id>/import, onError=continue) into a
 * fresh dataset with every field type, and reports records/s over the whole request: parsing,
 * validation, the record, version and search-outbox rows, the DatasetImport bookkeeping and audit.
 */
export const run = async (): Promise<Record<string, unknown>> => {
  const bench = await openBenchDatabase();
  const server = await startBenchServer(bench.database);
  const loadBefore = currentLoad();
  try {
    const created = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
      body: JSON.stringify({
        query:
          'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
        variables: { input: { name: 'bench import', fields: FIELDS } },
      }),
    });
    const dataset = ((await created.json()) as any).data.createDataset.dataset.id as string;
    const started = performance.now();
    const { status, json, bytes } = await post(
      `${server.url}/v1/datasets/${dataset}/import?format=jsonl&onError=continue`,
      server.apiKey,
    );
    const durationMs = Math.round(performance.now() - started);
    if (status !== 200) throw new Error(`import answered ${status}: ${JSON.stringify(json)}`);
    // Search-outbox rows are written in the same statement, but the search worker may already have drained them.
    const [counted] = await bench.database.sql.query<{ records: number; versions: number }>(
      `SELECT (SELECT count(*)::int FROM "DatasetRecord" WHERE "datasetId" = $1::uuid) AS records,
              (SELECT count(*)::int FROM "DatasetRecordVersion" WHERE "datasetId" = $1::uuid) AS versions`,
      [Buffer.from(dataset, 'base64url').toString('utf8').split(':')[1]],
    );
    return {
      database: bench.kind,
      records: RECORDS,
      fileMegabytes: Math.round((bytes / 1024 / 1024) * 10) / 10,
      status: json.status,
      imported: json.imported,
      rejected: json.failed,
      durationMs,
      recordsPerSecond: Math.round((json.imported / durationMs) * 1000),
      stored: counted,
      machine: machineLoad(loadBefore),
      node: process.version,
    };
  } finally {
    await server.stop();
    await bench.dispose();
  }
};
