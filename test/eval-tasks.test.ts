import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { collect, collectUntil, gql, wsClient } from './support/graphql-client.js';
import { type OpenAIStub, startOpenAIStub } from './support/openai-stub.js';
import { exportSpans, recordSpans } from './support/otlp-sdk.js';
import { startTestServer, useTestServer } from './support/test-server.js';

const SECRET_KEY = randomBytes(32).toString('base64');

const CREATE = `mutation($input: CreateEvalTaskInput!) { createEvalTask(input: $input) {
  __typename ... on EvalTaskPayload { task { id status } }
  ... on InvalidInputError { issues { path message } } ... on Error { code message } } }`;
const TRANSITION = (name: string) => `mutation($id: ID!) { ${name}(id: $id) {
  __typename ... on EvalTaskPayload { task { id status } } ... on Error { code message } } }`;
const TASK = `query($id: ID!) { evalTask(id: $id) {
  id status progress planned inputTokens outputTokens cost
  counts { filteredOut sampledOut overCap pending scored failed cancelled total } } }`;

type Counts = Record<'filteredOut' | 'sampledOut' | 'overCap' | 'pending' | 'scored' | 'failed' | 'cancelled' | 'total', number>;
type TaskView = { id: string; status: string; progress: number | null; cost: number; inputTokens: number; counts: Counts };

// Real jobs, judges and subscriptions on a shared 2-core machine: generous time bounds.
describe('eval tasks over GraphQL', { timeout: 180_000 }, () => {
  const t = useTestServer({ env: { AGENTLOOP_SECRET_KEY: SECRET_KEY, AGENTLOOP_JOB_POLL_MS: '50' } });
  let stub: OpenAIStub;
  const busySeen = new Set<string>();
  beforeAll(async () => {
    stub = await startOpenAIStub();
    // The judge's behaviour is chosen by the answer it is shown, so order and concurrency do not matter.
    stub.setDefaultResponder((request) => {
      const text = request.messages.map((m) => m.content).join('\n');
      if (text.includes('garbled')) return 'this is not JSON at all';
      if (text.includes('busy') && !busySeen.has(text)) {
        busySeen.add(text);
        return { status: 429, retryAfterSeconds: 0, message: 'slow down' };
      }
      return {
        content: '{"reasoning": "Clear and consistent.", "rating": 5}',
        usage: { promptTokens: 100, completionTokens: 20 },
      };
    });
  });
  afterAll(async () => {
    await stub?.close();
  });

  const q = (query: string, variables?: Record<string, unknown>, key = t.server.adminKey) =>
    gql(t.server.url, key, query, variables);

  const ingest = async (service: string, answers: { output: string; error?: boolean }[], key = t.server.adminKey) => {
    const spans = await recordSpans(
      { 'service.name': service },
      answers.map((answer, i) => ({
        name: `turn ${i}`,
        attributes: { 'openinference.span.kind': 'AGENT', 'input.value': `question ${i}`, 'output.value': answer.output },
        ...(answer.error ? { error: 'tool failed' } : {}),
        children: [{ name: 'llm call', attributes: { 'gen_ai.operation.name': 'chat' } }],
      })),
    );
    expect(await exportSpans(t.server.url, key, 'json', spans)).toEqual({ ok: true });
    const { prisma } = await t.database.open();
    const application = await prisma.application.findFirstOrThrow({ where: { name: service } });
    return { applicationId: application.id, projectId: application.projectId };
  };

  const evaluator = async (projectId: string, pluginName: string, config: object, judgeServiceId: string | null = null) => {
    const { prisma } = await t.database.open();
    const row = await prisma.evaluator.create({
      data: { projectId, name: `${pluginName}-${randomBytes(3).toString('hex')}`, pluginName, config, judgeServiceId },
    });
    return encodeGlobalId('Evaluator', row.id);
  };

  const createTask = async (input: Record<string, unknown>, key = t.server.adminKey) => {
    const res = await q(CREATE, { input }, key);
    expect(res.errors).toBeUndefined();
    return res.data?.createEvalTask;
  };

  const waitFor = async (id: string, done: (task: TaskView) => boolean, key = t.server.adminKey, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = (await q(TASK, { id }, key)).data?.evalTask as TaskView;
      if (done(task)) return task;
      if (Date.now() > deadline) throw new Error(`task never finished: ${JSON.stringify(task)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

  it('validates the input with the field at fault', async () => {
    const { applicationId, projectId } = await ingest('validation-app', [{ output: 'x' }]);
    const application = encodeGlobalId('Application', applicationId);
    const evaluatorId = await evaluator(projectId, 'contains', { values: ['x'] });
    const base = { name: 'v', evaluator: evaluatorId, dataSource: 'TRACES', application, mode: 'HISTORICAL', from: hourAgo() };
    const issues = async (input: Record<string, unknown>) => (await createTask({ ...base, ...input })).issues;
    expect(await issues({ from: null })).toEqual([
      { path: 'from', message: 'is required for a HISTORICAL task (the start of the backfill)' },
    ]);
    expect((await issues({ samplingRate: 0 }))[0].path).toBe('samplingRate');
    expect((await issues({ concurrency: 1000 }))[0].path).toBe('concurrency');
    expect((await issues({ evaluator: encodeGlobalId('Evaluator', '00000000-0000-7000-8000-000000000000') }))[0]).toEqual({
      path: 'evaluator',
      message: 'no such evaluator in this project',
    });
    expect((await issues({ traceFilter: { application } }))[0].path).toBe('traceFilter.application');
    expect((await issues({ spanFilter: { kind: ['LLM'] } }))[0].path).toBe('spanFilter');
    expect((await issues({ mode: 'CONTINUOUS', to: new Date().toISOString() }))[0].path).toBe('to');
  });

  it('backfills traces with a code check, explains every decision, and streams progress and scores', async () => {
    const { applicationId, projectId } = await ingest('historical-app', [
      { output: 'you get a refund' },
      { output: 'no refund, sorry', error: true },
      { output: 'we will call you' },
      { output: 'refund issued' },
    ]);
    const application = encodeGlobalId('Application', applicationId);
    const created = await createTask({
      name: 'refund mentions',
      evaluator: await evaluator(projectId, 'contains', { values: ['refund'] }),
      dataSource: 'TRACES',
      application,
      traceFilter: { hasError: false },
      mode: 'HISTORICAL',
      from: hourAgo(),
      concurrency: 2,
    });
    expect(created.__typename).toBe('EvalTaskPayload');
    const done = await waitFor(created.task.id, (task) => task.status === 'COMPLETED');
    expect(done).toMatchObject({ progress: 1, counts: { filteredOut: 1, scored: 3, pending: 0, total: 4 } });

    const filtered = await q(
      `query($task: ID!) { evalDecisions(task: $task, decision: [FILTERED_OUT]) { totalCount edges { node { decision reason traceId } } } }`,
      { task: created.task.id },
    );
    expect(filtered.data?.evalDecisions.totalCount).toBe(1);
    const traceId = filtered.data?.evalDecisions.edges[0].node.traceId;
    expect(filtered.data?.evalDecisions.edges[0].node.reason).toBe("did not match the task's filter: hasError");
    const trace = await q(
      `query($f: TraceFilter) { traces(filter: $f) { edges { node { traceId evalDecisions { decision reason task { name } } } } } }`,
      {
        f: { application },
      },
    );
    const nodes = trace.data?.traces.edges.map((e: { node: unknown }) => e.node) as {
      traceId: string;
      evalDecisions: { decision: string }[];
    }[];
    expect(nodes.find((n) => n.traceId === traceId)?.evalDecisions).toEqual([
      { decision: 'FILTERED_OUT', reason: "did not match the task's filter: hasError", task: { name: 'refund mentions' } },
    ]);
    expect(nodes.filter((n) => n.evalDecisions[0]?.decision === 'SCORED')).toHaveLength(3);
    const listed = await q('{ evalTasks(status: [COMPLETED]) { totalCount edges { node { name } } } }');
    expect(listed.data?.evalTasks.edges.map((e: { node: { name: string } }) => e.node.name)).toContain('refund mentions');
    expect((await q(TRANSITION('pauseEvalTask'), { id: created.task.id })).data?.pauseEvalTask).toMatchObject({
      __typename: 'ConflictError',
    });
  });

  it('judges with an LLM through the stub: 429 retried, malformed output FAILED after retries, tokens and cost counted', async () => {
    const { applicationId, projectId } = await ingest('judged-app', [
      { output: 'A clear answer.' },
      { output: 'busy hour answer' },
      { output: 'garbled answer' },
    ]);
    const service = await q(
      `mutation($input: CreateModelServiceInput!) { createModelService(input: $input) { __typename ... on ModelServicePayload { modelService { id } } } }`,
      {
        input: {
          name: 'stub judge',
          provider: 'OPENAI_COMPATIBLE',
          kind: 'CHAT',
          model: 'stub-judge',
          baseUrl: stub.baseURL,
          apiKey: 'sk-test',
          parameters: { temperature: 0, maxRetries: 2, timeoutMs: 5_000 },
          inputPricePerMillion: 1,
          outputPricePerMillion: 2,
        },
      },
    );
    const serviceId = service.data?.createModelService.modelService.id;
    const { decodeGlobalId } = await import('../server/src/graphql/global-id.js');
    const created = await createTask({
      name: 'coherence',
      evaluator: await evaluator(projectId, 'coherence', { maxAttempts: 2 }, decodeGlobalId(serviceId).id),
      dataSource: 'TRACES',
      application: encodeGlobalId('Application', applicationId),
      mode: 'HISTORICAL',
      from: hourAgo(),
    });
    const done = await waitFor(created.task.id, (task) => task.status === 'COMPLETED');
    expect(done.counts).toMatchObject({ scored: 2, failed: 1 });
    expect(done.inputTokens).toBeGreaterThanOrEqual(400);
    expect(done.cost).toBeGreaterThan(0);
    const failedOnes = await q(
      `query($task: ID!) { evalDecisions(task: $task, decision: [FAILED]) { edges { node { reason } } } }`,
      {
        task: created.task.id,
      },
    );
    expect(failedOnes.data?.evalDecisions.edges[0].node.reason).toMatch(
      /^coherence judge: the judge returned invalid output 2 times/,
    );
    const judged = await q(
      `query($task: ID!) { scores(filter: { task: $task }) { edges { node { value source judge { model promptVersion inputTokens cost } } } } }`,
      {
        task: created.task.id,
      },
    );
    expect(judged.data?.scores.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { value: 1, source: 'LLM', judge: { model: 'stub-judge', promptVersion: '1', inputTokens: 100, cost: expect.any(Number) } },
      { value: 1, source: 'LLM', judge: { model: 'stub-judge', promptVersion: '1', inputTokens: 100, cost: expect.any(Number) } },
    ]);
    // The 429 was answered by LangChain's retry, not by a second evaluation.
    expect(stub.chatRequests().filter((r) => JSON.stringify(r.body).includes('busy hour')).length).toBe(2);
  });

  it('evaluates newly ingested traces continuously, and keeps tasks inside their project', async () => {
    const { applicationId, projectId } = await ingest('live-eval-app', [{ output: 'old refund' }]);
    const created = await createTask({
      name: 'live',
      evaluator: await evaluator(projectId, 'contains', { values: ['refund'] }),
      dataSource: 'TRACES',
      application: encodeGlobalId('Application', applicationId),
      mode: 'CONTINUOUS',
      settleSeconds: 0,
    });
    const application = encodeGlobalId('Application', applicationId);
    const client = wsClient(t.server.wsUrl, t.server.adminKey);
    // Scores committed in one turn arrive as one event: wait for two scores, not two events.
    const twoScores = (events: { scoresCreated: unknown[] }[]) => events.flatMap((e) => e.scoresCreated).length >= 2;
    const scores = collectUntil<{ scoresCreated: { name: string; value: number; source: string }[] }>(
      client,
      `subscription { scoresCreated(task: "${created.task.id}") { name value source } }`,
      twoScores,
      30_000,
    );
    const appScores = collectUntil<{ scoresCreated: { value: number }[] }>(
      client,
      `subscription { scoresCreated(application: "${application}") { value } }`,
      twoScores,
      30_000,
    );
    const progress = collect<{ evalTaskProgress: { status: string; counts: { scored: number } } }>(
      client,
      `subscription { evalTaskProgress(task: "${created.task.id}") { status counts { scored } } }`,
      2,
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await ingest('live-eval-app', [{ output: 'a new refund' }, { output: 'nothing' }]);
    const seen = await waitFor(created.task.id, (task) => task.counts.scored === 2);
    expect(seen).toMatchObject({ status: 'RUNNING', counts: { total: 2 } });
    expect((await scores).flatMap((e) => e.scoresCreated.map((s) => [s.name, s.value, s.source])).sort()).toEqual([
      ['contains', 0, 'CODE'],
      ['contains', 1, 'CODE'],
    ]);
    expect((await appScores).flatMap((e) => e.scoresCreated)).toHaveLength(2);
    expect((await progress).every((e) => e.evalTaskProgress.status === 'RUNNING')).toBe(true);
    await client.dispose();

    const otherProject = await createProjectVia(t.server.url, t.server.adminKey, 'eval-outsiders');
    const outsider = (await createKeyVia(t.server.url, t.server.adminKey, { project: otherProject, role: 'member' })).secret;
    expect((await q(TASK, { id: created.task.id }, outsider)).data?.evalTask).toBeNull();
    const foreign = await q(TRANSITION('cancelEvalTask'), { id: created.task.id }, outsider);
    expect(foreign.data?.cancelEvalTask.code).toBe('NOT_FOUND');
    expect((await q('{ evalTasks { totalCount } }', undefined, outsider)).data?.evalTasks.totalCount).toBe(0);
    const cancelled = await q(TRANSITION('cancelEvalTask'), { id: created.task.id });
    expect(cancelled.data?.cancelEvalTask.task.status).toBe('CANCELLED');
  });

  it('survives a restart mid-run', async () => {
    const { applicationId, projectId } = await ingest(
      'restart-app',
      Array.from({ length: 12 }, (_, i) => ({ output: `answer ${i} slow` })),
    );
    stub.setDefaultResponder(() => ({ content: '{"reasoning": "fine", "rating": 4}', delayMs: 150 }));
    const service = await q(
      `mutation($input: CreateModelServiceInput!) { createModelService(input: $input) { ... on ModelServicePayload { modelService { id } } } }`,
      {
        input: {
          name: 'slow judge',
          provider: 'OPENAI_COMPATIBLE',
          kind: 'CHAT',
          model: 'stub-judge',
          baseUrl: stub.baseURL,
          apiKey: 'k',
        },
      },
    );
    const { decodeGlobalId } = await import('../server/src/graphql/global-id.js');
    const created = await createTask({
      name: 'restart',
      evaluator: await evaluator(projectId, 'coherence', {}, decodeGlobalId(service.data?.createModelService.modelService.id).id),
      dataSource: 'TRACES',
      application: encodeGlobalId('Application', applicationId),
      mode: 'HISTORICAL',
      from: hourAgo(),
      concurrency: 1,
    });
    await waitFor(created.task.id, (task) => task.counts.scored >= 2);
    await t.server.stop();
    t.server = await startTestServer(t.database, {
      adminKey: t.server.adminKey,
      env: { AGENTLOOP_SECRET_KEY: SECRET_KEY, AGENTLOOP_JOB_POLL_MS: '50' },
    });
    const done = await waitFor(created.task.id, (task) => task.status === 'COMPLETED', t.server.adminKey, 60_000);
    expect(done.counts).toMatchObject({ scored: 12, failed: 0, pending: 0 });
  });
});
