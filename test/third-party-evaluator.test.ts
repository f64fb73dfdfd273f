import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, wsClient } from './support/graphql-client.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { type ServerProcess, spawnServer, waitForOutput } from './support/spawn-server.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const PACKAGE = 'agentloop-evaluator-word-count';

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

/**
 * What a user does to add someone else's evaluator: `npm pack` stands in for the registry, and
 * the tarball is installed with npm into a directory of its own, outside this repository, with
 * the SDK it depends on (packed the same way, since it is not published from here).
 */
const installFromTarballs = async (dir: string) => {
  for (const folder of ['plugins/sdk', 'test/fixtures/third-party-evaluator']) {
    await run('npm', ['pack', `./${folder}`, '--pack-destination', dir], { cwd: root });
  }
  const tarballs = (await readdir(dir)).filter((name) => name.endsWith('.tgz')).map((name) => `./${name}`);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'agentloop-user', private: true }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs], { cwd: dir });
};

describe('a third-party evaluator installed from an npm tarball', () => {
  let pluginsDir: string;
  let dataDir: string;
  let database: TestDatabase;
  let server: ServerProcess;
  let url: string;
  let wsUrl: string;
  let key: string;

  beforeAll(async () => {
    pluginsDir = await mkdtemp(join(tmpdir(), 'agentloop-plugins-'));
    dataDir = await mkdtemp(join(tmpdir(), 'agentloop-data-'));
    await installFromTarballs(pluginsDir);
    database = await createTestDatabase();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    wsUrl = `ws://127.0.0.1:${port}/graphql`;
    // A real process started as `npm start` is, so the package is found and imported the way an
    // operator's server finds it: by name, from AGENTLOOP_PLUGINS_DIR.
    server = spawnServer({
      PORT: String(port),
      AGENTLOOP_HOST: '127.0.0.1',
      AGENTLOOP_EMBEDDED_SEARCH: 'false',
      AGENTLOOP_PLUGINS: PACKAGE,
      AGENTLOOP_PLUGINS_DIR: pluginsDir,
      AGENTLOOP_JOB_POLL_MS: '200',
      ...(database.url ? { DATABASE_URL: database.url } : { AGENTLOOP_DATA_DIR: dataDir }),
    });
    const [, printed] = await waitForOutput(server, /(al_[A-Za-z0-9_-]{43})/, 120_000);
    key = printed as string;
    await waitForOutput(server, /AgentLoop is listening/, 120_000);
  }, 300_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await database?.drop();
    await Promise.all([pluginsDir, dataDir].map((dir) => dir && rm(dir, { recursive: true, force: true })));
  });

  it('lists the plugin, scores new traces of a continuous task live, and explains each decision', async () => {
    const listed = await gql(url, key, '{ plugins { name package version configJsonSchema } }');
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.plugins).toContainEqual(
      expect.objectContaining({ name: 'word-count', package: PACKAGE, version: '1.0.0' }),
    );

    // Seeing the application once creates it; the task then follows its new traces.
    const first = await recordSpans({ 'service.name': 'chatbot' }, [
      { name: 'warm-up', attributes: { 'openinference.span.kind': 'LLM', 'input.value': 'hi', 'output.value': 'hello' } },
    ]);
    expect((await exportSpans(url, key, 'protobuf', first)).ok).toBe(true);
    const apps = await gql(url, key, '{ applications(first: 5) { edges { node { id name } } } }');
    const application = apps.data?.applications.edges.find((e: { node: { name: string } }) => e.node.name === 'chatbot')?.node
      .id as string;
    expect(application).toBeTruthy();

    const evaluator = await gql(
      url,
      key,
      `mutation($input: CreateEvaluatorInput!) { createEvaluator(input: $input) {
        __typename ... on EvaluatorPayload { evaluator { id } } ... on Error { message } } }`,
      { input: { name: 'length', plugin: 'word-count', config: { max: 50 } } },
    );
    expect(evaluator.data?.createEvaluator.__typename).toBe('EvaluatorPayload');
    const task = await gql(
      url,
      key,
      `mutation($input: CreateEvalTaskInput!) { createEvalTask(input: $input) {
        __typename ... on EvalTaskPayload { task { id status } } ... on Error { message } } }`,
      {
        input: {
          name: 'length of answers',
          evaluator: evaluator.data?.createEvaluator.evaluator.id,
          application,
          dataSource: 'TRACES',
          mode: 'CONTINUOUS',
          settleSeconds: 0,
          samplingRate: 1,
        },
      },
    );
    expect(task.data?.createEvalTask.__typename).toBe('EvalTaskPayload');
    const taskId = task.data?.createEvalTask.task.id as string;

    const client = wsClient(wsUrl, key);
    const received: { name: string; value: number; traceId: string }[] = [];
    const arrived = new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`only ${received.length} scores arrived`)), 60_000);
      client.subscribe<{ scoresCreated: { name: string; value: number; traceId: string }[] }>(
        { query: `subscription { scoresCreated(task: "${taskId}") { name value traceId } }` },
        {
          next: ({ data }) => {
            received.push(...(data?.scoresCreated ?? []));
            if (received.length >= 2) {
              clearTimeout(timer);
              done();
            }
          },
          error: fail,
          complete: () => {},
        },
      );
    });
    // Give the subscription a moment to be registered before the traces it should see arrive.
    await new Promise((r) => setTimeout(r, 500));
    const later = await recordSpans({ 'service.name': 'chatbot' }, [
      { name: 'answer', attributes: { 'openinference.span.kind': 'LLM', 'input.value': 'q', 'output.value': 'one two three' } },
      { name: 'answer', attributes: { 'openinference.span.kind': 'LLM', 'input.value': 'q', 'output.value': 'just two' } },
    ]);
    expect((await exportSpans(url, key, 'protobuf', later)).ok).toBe(true);
    await arrived;
    await client.dispose();

    const traceIds = later.map((span) => span.spanContext().traceId);
    expect(received.filter((s) => traceIds.includes(s.traceId)).map((s) => [s.traceId, s.value])).toEqual(
      expect.arrayContaining([
        [traceIds[0], 3],
        [traceIds[1], 2],
      ]),
    );

    // Read back through GraphQL: the score on the trace, and the decision that explains it.
    const trace = await gql(
      url,
      key,
      `query($id: String!) { trace(traceId: $id) { scores { name value source } evalDecisions { decision reason } } }`,
      { id: traceIds[0] },
    );
    expect(trace.errors).toBeUndefined();
    expect(trace.data?.trace.scores).toEqual([{ name: 'word-count', value: 3, source: 'CODE' }]);
    expect(trace.data?.trace.evalDecisions).toContainEqual(expect.objectContaining({ decision: 'SCORED' }));
  });
});
