import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampledIn } from '../server/src/evaluation/tasks/sampling.js';
import { decodeGlobalId, encodeGlobalId } from '../server/src/graphql/global-id.js';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { type OpenAIStub, startOpenAIStub } from './support/openai-stub.js';
import { useTestServer } from './support/test-server.js';

const SECRET_KEY = randomBytes(32).toString('base64');

const CREATE_TASK = `mutation($input: CreateEvalTaskInput!) { createEvalTask(input: $input) {
  __typename ... on EvalTaskPayload { task { id status dataSource fieldMapping snapshot { id name } } }
  ... on InvalidInputError { issues { path message } } ... on Error { code message } } }`;
const TASK = `query($id: ID!) { evalTask(id: $id) {
  id status progress cost inputTokens counts { sampledOut overCap pending scored failed total } } }`;
const DECISIONS = `query($task: ID!) { evalDecisions(task: $task, first: 50) { edges { node {
  decision reason targetType targetId datasetRecordId traceId cost } } } }`;
const SNAPSHOT_SCORES = `query($id: ID!, $task: ID) { node(id: $id) { ... on DatasetSnapshot {
  evalTasks { id name }
  scores(first: 50, task: $task) { totalCount edges { node {
    name value source reasoning targetType datasetRecordId recordVersion snapshot { id } judge { model cost } } } } } } }`;
const RECORD_SCORES = `query($id: ID!) { node(id: $id) { ... on DatasetRecord {
  version data scores { name value source recordVersion snapshot { name } } } } }`;

type Decision = {
  decision: string;
  reason: string | null;
  targetType: string;
  targetId: string;
  datasetRecordId: string | null;
  traceId: string | null;
  cost: number | null;
};
type SnapshotScore = {
  name: string;
  value: number;
  source: string;
  reasoning: string;
  targetType: string;
  datasetRecordId: string;
  recordVersion: number;
  snapshot: { id: string };
  judge: { model: string; cost: number | null } | null;
};

// Real jobs and a judge over HTTP on a shared 2-core machine: generous time bounds.
describe('eval tasks over dataset snapshots', { timeout: 180_000 }, () => {
  const t = useTestServer({ env: { AGENTLOOP_SECRET_KEY: SECRET_KEY, AGENTLOOP_JOB_POLL_MS: '50' } });
  let stub: OpenAIStub;
  const q = (query: string, variables?: Record<string, unknown>, key = t.server.adminKey) =>
    gql(t.server.url, key, query, variables);
  const ok = async (query: string, variables?: Record<string, unknown>, key = t.server.adminKey) => {
    const res = await q(query, variables, key);
    expect(res.errors).toBeUndefined();
    return res.data as Record<string, any>;
  };

  // Capitals with known answers: the agent got France and Spain right, Japan and Italy wrong.
  const ANSWERS = [
    { input: 'Capital of France?', output: 'Paris', expected_output: 'Paris', topic: 'europe' },
    { input: 'Capital of Japan?', output: 'Kyoto', expected_output: 'Tokyo', topic: 'asia' },
    { input: 'Capital of Italy?', output: 'Milan', expected_output: 'Rome', topic: 'europe' },
    { input: 'Capital of Spain?', output: 'Madrid', expected_output: 'Madrid', topic: 'europe' },
  ];
  let dataset: string;
  let snapshot: string;
  let recordIds: string[];
  let exactMatch: string;

  const createEvaluator = async (input: Record<string, unknown>) =>
    (
      await ok(
        `mutation($input: CreateEvaluatorInput!) { createEvaluator(input: $input) {
          __typename ... on EvaluatorPayload { evaluator { id } } ... on Error { message } } }`,
        { input },
      )
    ).createEvaluator.evaluator.id as string;

  const createTask = async (input: Record<string, unknown>, key = t.server.adminKey) =>
    (await ok(CREATE_TASK, { input }, key)).createEvalTask;

  const waitDone = async (id: string) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const task = (await ok(TASK, { id })).evalTask;
      if (task.status === 'COMPLETED') return task;
      if (Date.now() > deadline) throw new Error(`task never finished: ${JSON.stringify(task)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const decisions = async (task: string) =>
    (await ok(DECISIONS, { task })).evalDecisions.edges.map((e: { node: Decision }) => e.node) as Decision[];

  const snapshotScores = async (
    task?: string,
  ): Promise<{ evalTasks: { id: string; name: string }[]; scores: SnapshotScore[] }> => {
    const node = (await ok(SNAPSHOT_SCORES, { id: snapshot, task })).node;
    return { ...node, scores: node.scores.edges.map((e: { node: SnapshotScore }) => e.node) as SnapshotScore[] };
  };

  /** The judge rates an answer naming the right capital 5, anything else 1. */
  const judgeCapitals = (request: { messages: { content: unknown }[] }, delayMs = 0) => {
    const text = request.messages.map((m) => m.content).join('\n');
    const right = /Paris|Madrid/.test(text);
    return {
      content: JSON.stringify({ reasoning: right ? 'Correct capital.' : 'Wrong capital.', rating: right ? 5 : 1 }),
      usage: { promptTokens: 40, completionTokens: 10 },
      delayMs,
    };
  };

  beforeAll(async () => {
    stub = await startOpenAIStub();
    stub.setDefaultResponder((request) => judgeCapitals(request));
    dataset = (
      await ok(
        'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
        {
          input: {
            name: 'capitals',
            fields: ['input', 'output', 'expected_output', 'topic'].map((name) => ({ name, type: 'TEXT' })),
          },
        },
      )
    ).createDataset.dataset.id;
    const records = await ok(
      `mutation($input: CreateDatasetRecordsInput!) { createDatasetRecords(input: $input) {
        ... on DatasetRecordsPayload { records { id } } } }`,
      { input: { dataset, records: ANSWERS } },
    );
    recordIds = records.createDatasetRecords.records.map((r: { id: string }) => r.id);
    snapshot = (
      await ok(
        `mutation($input: CreateDatasetSnapshotInput!) { createDatasetSnapshot(input: $input) {
          ... on DatasetSnapshotPayload { snapshot { id } } } }`,
        { input: { dataset, name: 'golden-v1' } },
      )
    ).createDatasetSnapshot.snapshot.id;
    // After the freeze: Japan's answer is fixed, Spain deleted, a new row added. None of it may
    // change what a task over the snapshot evaluates.
    await ok('mutation($input: UpdateDatasetRecordInput!) { updateDatasetRecord(input: $input) { __typename } }', {
      input: { id: recordIds[1], data: { output: 'Tokyo' } },
    });
    await ok('mutation($input: DeleteDatasetRecordsInput!) { deleteDatasetRecords(input: $input) { __typename } }', {
      input: { dataset, ids: [recordIds[3]] },
    });
    await ok('mutation($input: CreateDatasetRecordInput!) { createDatasetRecord(input: $input) { __typename } }', {
      input: { dataset, data: { input: 'Capital of Peru?', output: 'Lima', expected_output: 'Lima' } },
    });
    exactMatch = await createEvaluator({ name: 'exact answer', plugin: 'exact-match', config: {} });
  });
  afterAll(async () => {
    await stub?.close();
  });

  it('scores a frozen snapshot with a code check: scores equal the known answers, on the frozen versions', async () => {
    const created = await createTask({
      name: 'golden exact match',
      evaluator: exactMatch,
      dataSource: 'DATASET_SNAPSHOT',
      snapshot,
      mode: 'HISTORICAL',
      concurrency: 2,
    });
    expect(created.__typename).toBe('EvalTaskPayload');
    expect(created.task).toMatchObject({
      dataSource: 'DATASET_SNAPSHOT',
      snapshot: { id: snapshot, name: 'golden-v1' },
      fieldMapping: { input: 'input', output: 'output', expectedOutput: 'expected_output', metadata: ['topic'] },
    });
    const done = await waitDone(created.task.id);
    expect(done).toMatchObject({ progress: 1, cost: 0, counts: { scored: 4, failed: 0, pending: 0, total: 4 } });

    // One SCORED decision per frozen record (not the one added later), with no trace.
    const decided = await decisions(created.task.id);
    expect(decided.map((d) => d.datasetRecordId).sort()).toEqual([...recordIds].sort());
    expect(decided.every((d) => d.decision === 'SCORED' && d.targetType === 'DATASET_RECORD' && d.traceId === null)).toBe(true);
    expect(decided.every((d) => d.cost === 0)).toBe(true);

    const { scores, evalTasks } = await snapshotScores(created.task.id);
    expect(evalTasks).toContainEqual({ id: created.task.id, name: 'golden exact match' });
    const byRecord = new Map(scores.map((s) => [s.datasetRecordId, s]));
    // Japan is scored on its frozen answer (Kyoto), although the record now says Tokyo; Spain is
    // scored although deleted since.
    expect(recordIds.map((id) => byRecord.get(id)?.value)).toEqual([1, 0, 0, 1]);
    expect(scores.every((s) => s.recordVersion === 1 && s.snapshot.id === snapshot && s.source === 'CODE')).toBe(true);
    expect(byRecord.get(recordIds[1] as string)?.reasoning).toContain('Kyoto');

    const japan = (await ok(RECORD_SCORES, { id: recordIds[1] })).node;
    expect(japan).toMatchObject({ version: 2, data: { output: 'Tokyo' } });
    expect(japan.scores).toEqual([
      { name: 'exact-match', value: 0, source: 'CODE', recordVersion: 1, snapshot: { name: 'golden-v1' } },
    ]);

    // A reviewer scores the record as it is now: the score says which version it judged.
    const human = await ok(
      `mutation($input: CreateScoreInput!) { createScore(input: $input) {
        __typename ... on ScorePayload { score { targetType datasetRecordId recordVersion source } } } }`,
      { input: { datasetRecord: recordIds[1], name: 'reviewed', value: 1 } },
    );
    expect(human.createScore.score).toEqual({
      targetType: 'DATASET_RECORD',
      datasetRecordId: recordIds[1],
      recordVersion: 2,
      source: 'HUMAN',
    });
    expect((await ok(RECORD_SCORES, { id: recordIds[1] })).node.scores.map((s: { name: string }) => s.name)).toEqual([
      'exact-match',
      'reviewed',
    ]);
    const both = await q(
      `mutation($input: CreateScoreInput!) { createScore(input: $input) {
        ... on InvalidInputError { issues { path message } } } }`,
      {
        input: {
          datasetRecord: recordIds[0],
          trace: encodeGlobalId('Trace', decodeGlobalId(recordIds[0] as string).id),
          name: 'x',
          value: 1,
        },
      },
    );
    expect(both.data?.createScore.issues[0].path).toBe('target');
  });

  it('samples records by the hash of their id (the same for two evaluators), caps them, and explains each', async () => {
    const contains = await createEvaluator({ name: 'mentions paris', plugin: 'contains', config: { values: ['Paris'] } });
    const base = { dataSource: 'DATASET_SNAPSHOT', snapshot, mode: 'HISTORICAL', samplingRate: 0.5 };
    const a = (await createTask({ ...base, name: 'half a', evaluator: exactMatch })).task.id;
    const b = (await createTask({ ...base, name: 'half b', evaluator: contains })).task.id;
    const capped = (await createTask({ ...base, name: 'capped', evaluator: exactMatch, samplingRate: 1, maxSamples: 1 })).task.id;
    await Promise.all([a, b, capped].map(waitDone));
    const rowIds = recordIds.map((id) => decodeGlobalId(id).id as string);
    const expected = rowIds.filter((id) => sampledIn(id, 0.5)).sort();
    const kept = async (task: string) =>
      (await decisions(task))
        .filter((d) => d.decision !== 'SAMPLED_OUT')
        .map((d) => d.targetId)
        .sort();
    expect(await kept(a)).toEqual(expected);
    expect(await kept(b)).toEqual(expected);
    const out = (await decisions(a)).filter((d) => d.decision === 'SAMPLED_OUT');
    expect(out).toHaveLength(4 - expected.length);
    for (const d of out) expect(d.reason).toMatch(/^outside the 50% sample \(hash point 0\.\d{4}\)$/);
    const cappedDecisions = await decisions(capped);
    expect(cappedDecisions.map((d) => d.decision).sort()).toEqual(['OVER_CAP', 'OVER_CAP', 'OVER_CAP', 'SCORED']);
    expect(cappedDecisions.find((d) => d.decision === 'OVER_CAP')?.reason).toBe('maxSamples (1) reached');
  });

  let judgeService: string | undefined;
  const unpricedJudge = async () => {
    judgeService ??= (
      await ok(
        `mutation($input: CreateModelServiceInput!) { createModelService(input: $input) {
        ... on ModelServicePayload { modelService { id } } } }`,
        {
          input: {
            name: 'unpriced judge',
            provider: 'OPENAI_COMPATIBLE',
            kind: 'CHAT',
            model: 'stub-judge',
            baseUrl: stub.baseURL,
            apiKey: 'sk-test',
            parameters: { temperature: 0, maxRetries: 0, timeoutMs: 5_000 },
          },
        },
      )
    ).createModelService.modelService.id as string;
    return judgeService;
  };

  it('judges the snapshot with an LLM through the stub, with a field mapping; unpriced cost stays null', async () => {
    const judge = await createEvaluator({
      name: 'coherent answer',
      plugin: 'coherence',
      config: {},
      judgeService: await unpricedJudge(),
    });
    const created = await createTask({
      name: 'judged',
      evaluator: judge,
      dataSource: 'DATASET_SNAPSHOT',
      snapshot,
      mode: 'HISTORICAL',
      fieldMapping: { input: 'input', output: 'output', metadata: [] },
    });
    expect(created.task.fieldMapping).toEqual({
      input: 'input',
      output: 'output',
      expectedOutput: 'expected_output',
      metadata: [],
    });
    const done = await waitDone(created.task.id);
    expect(done).toMatchObject({ cost: 0, counts: { scored: 4, failed: 0 } });
    expect(done.inputTokens).toBe(160);
    const { scores } = await snapshotScores(created.task.id);
    const byRecord = new Map(scores.map((s) => [s.datasetRecordId, s]));
    expect(recordIds.map((id) => byRecord.get(id)?.value)).toEqual([1, 0, 0, 1]);
    expect(scores.every((s) => s.source === 'LLM' && s.judge?.model === 'stub-judge' && s.judge.cost === null)).toBe(true);
    // Tokens were spent at an unknown price: null, not a made-up 0.
    expect((await decisions(created.task.id)).map((d) => d.cost)).toEqual([null, null, null, null]);
  });

  it('dry-runs a configured evaluator on a dataset record, as a snapshot froze it or as it is now', async () => {
    const DRY_RUN = `mutation($input: DryRunEvaluatorInput!) { dryRunEvaluator(input: $input) {
      __typename ... on EvaluatorDryRun { status scores { name value reasoning } sample }
      ... on InvalidInputError { issues { path message } } } }`;
    const dryRun = async (sample: Record<string, unknown>) =>
      (await ok(DRY_RUN, { input: { evaluator: exactMatch, sample } })).dryRunEvaluator;
    const frozen = await dryRun({ datasetRecord: recordIds[1], snapshot });
    expect(frozen).toMatchObject({
      status: 'SCORED',
      scores: [{ name: 'exact-match', value: 0 }],
      sample: {
        target: { type: 'dataset-record', id: decodeGlobalId(recordIds[1] as string).id },
        input: 'Capital of Japan?',
        output: 'Kyoto',
        expectedOutput: 'Tokyo',
        metadata: { topic: 'asia', recordVersion: 1 },
      },
    });
    // The record as it is now (fixed after the snapshot) passes.
    expect(await dryRun({ datasetRecord: recordIds[1] })).toMatchObject({
      status: 'SCORED',
      scores: [{ value: 1 }],
      sample: { output: 'Tokyo', metadata: { recordVersion: 2 } },
    });
    expect(await dryRun({ datasetRecord: recordIds[1], fieldMapping: { output: 'answer' } })).toEqual({
      __typename: 'InvalidInputError',
      issues: [
        {
          path: 'sample.fieldMapping.output',
          message: 'no field "answer" in the dataset (its fields: input, output, expected_output, topic)',
        },
      ],
    });
    const later = await ok(
      `mutation($input: CreateDatasetRecordInput!) { createDatasetRecord(input: $input) {
        ... on DatasetRecordPayload { record { id } } } }`,
      { input: { dataset, data: { input: 'Capital of Chile?', output: 'Santiago', expected_output: 'Santiago' } } },
    );
    expect(await dryRun({ datasetRecord: later.createDatasetRecord.record.id, snapshot })).toEqual({
      __typename: 'InvalidInputError',
      issues: [{ path: 'sample.datasetRecord', message: 'is not a record of that snapshot' }],
    });
    expect(await dryRun({ inline: { output: 'x' }, snapshot })).toMatchObject({
      issues: [{ path: 'sample.snapshot', message: 'applies to a `datasetRecord` sample only' }],
    });
  });

  it('keeps a snapshot while a task still evaluates it; once it is done, deleting the snapshot keeps the scores', async () => {
    const created = (
      await ok(
        `mutation($input: CreateDatasetSnapshotInput!) { createDatasetSnapshot(input: $input) {
          ... on DatasetSnapshotPayload { snapshot { id recordCount } } } }`,
        { input: { dataset, name: 'short-lived' } },
      )
    ).createDatasetSnapshot.snapshot;
    const frozen = created.id;
    // A slow judge, one record at a time: the task is still running when the snapshot is deleted.
    stub.setDefaultResponder((request) => judgeCapitals(request, 400));
    const slow = await createEvaluator({ name: 'slow judge', plugin: 'coherence', judgeService: await unpricedJudge() });
    const task = (
      await createTask({
        name: 'still running',
        evaluator: slow,
        dataSource: 'DATASET_SNAPSHOT',
        snapshot: frozen,
        mode: 'HISTORICAL',
        concurrency: 1,
      })
    ).task.id;
    const DELETE = `mutation($input: DeleteDatasetSnapshotInput!) { deleteDatasetSnapshot(input: $input) {
      __typename ... on Error { message } } }`;
    expect((await ok(DELETE, { input: { id: frozen } })).deleteDatasetSnapshot).toEqual({
      __typename: 'ConflictError',
      message: 'Eval task(s) "still running" still evaluate this snapshot; cancel them or let them finish first',
    });
    const done = await waitDone(task);
    stub.setDefaultResponder((request) => judgeCapitals(request));
    expect(done.counts.scored).toBe(created.recordCount);
    expect((await ok(DELETE, { input: { id: frozen } })).deleteDatasetSnapshot.__typename).toBe('DeleteDatasetSnapshotPayload');
    const after = await ok(
      `query($id: ID!) { evalTask(id: $id) { snapshot { id } } scores(filter: { task: $id }) { totalCount } }`,
      { id: task },
    );
    expect(after).toEqual({ evalTask: { snapshot: null }, scores: { totalCount: created.recordCount } });
  });

  it('refuses what does not fit a snapshot task, naming the field; another project cannot use the snapshot', async () => {
    const base = { name: 'bad', evaluator: exactMatch, dataSource: 'DATASET_SNAPSHOT', snapshot, mode: 'HISTORICAL' };
    const issues = async (input: Record<string, unknown>, key = t.server.adminKey) => (await createTask(input, key)).issues;
    expect(await issues({ ...base, snapshot: null })).toEqual([
      { path: 'snapshot', message: 'is required for a DATASET_SNAPSHOT task' },
    ]);
    expect(await issues({ ...base, mode: 'CONTINUOUS' })).toEqual([
      {
        path: 'mode',
        message: 'must be HISTORICAL for a DATASET_SNAPSHOT task: a snapshot never changes, so there is nothing to follow',
      },
    ]);
    expect(await issues({ ...base, traceFilter: { hasError: true } })).toEqual([
      { path: 'traceFilter', message: 'does not apply to a DATASET_SNAPSHOT task (it evaluates dataset records)' },
    ]);
    expect((await issues({ ...base, spanFilter: { status: 'ERROR' } }))[0].path).toBe('spanFilter');
    expect((await issues({ ...base, from: new Date().toISOString() }))[0].path).toBe('from');
    expect(await issues({ ...base, fieldMapping: { expectedOutput: 'gold' } })).toEqual([
      {
        path: 'fieldMapping.expectedOutput',
        message: 'no field "gold" in the snapshot (its fields: input, output, expected_output, topic)',
      },
    ]);
    expect(await issues({ ...base, snapshot: dataset })).toEqual([
      { path: 'snapshot', message: 'is not the ID of a DatasetSnapshot' },
    ]);
    expect((await issues({ ...base, dataSource: 'TRACES', snapshot })).map((i: { path: string }) => i.path)).toEqual([
      'application',
      'snapshot',
      'from',
    ]);

    // A plugin's required input must be mapped, or every record would fail the same way.
    const onlyQuestions = await ok(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
      { input: { name: 'questions', fields: [{ name: 'question', type: 'TEXT' }] } },
    );
    const questions = (
      await ok(
        `mutation($input: CreateDatasetSnapshotInput!) { createDatasetSnapshot(input: $input) {
          ... on DatasetSnapshotPayload { snapshot { id } } } }`,
        { input: { dataset: onlyQuestions.createDataset.dataset.id, name: 'q-v1' } },
      )
    ).createDatasetSnapshot.snapshot.id;
    const completeness = await createEvaluator({
      name: 'complete answer',
      plugin: 'completeness',
      config: {},
      judgeService: await unpricedJudge(),
    });
    expect(await issues({ ...base, evaluator: completeness, snapshot: questions })).toEqual([
      { path: 'fieldMapping.input', message: 'plugin "completeness" requires input: map a field of the snapshot to it' },
      { path: 'fieldMapping.output', message: 'plugin "completeness" requires output: map a field of the snapshot to it' },
    ]);
    // Mapped, the same snapshot is accepted for the part it has.
    expect(
      await issues({
        ...base,
        evaluator: completeness,
        snapshot: questions,
        fieldMapping: { input: 'question', output: 'question' },
      }),
    ).toBeUndefined();

    const other = await createProjectVia(t.server.url, t.server.adminKey, 'snapshot-outsiders');
    const outsider = (await createKeyVia(t.server.url, t.server.adminKey, { project: other, role: 'member' })).secret;
    const theirs = (
      await ok(
        `mutation($input: CreateEvaluatorInput!) { createEvaluator(input: $input) { ... on EvaluatorPayload { evaluator { id } } } }`,
        { input: { name: 'theirs', plugin: 'exact-match', config: {} } },
        outsider,
      )
    ).createEvaluator.evaluator.id;
    expect(await issues({ ...base, evaluator: theirs }, outsider)).toEqual([
      { path: 'snapshot', message: 'no such dataset snapshot in this project' },
    ]);
    expect((await ok(SNAPSHOT_SCORES, { id: snapshot }, outsider)).node).toBeNull();
    expect((await ok(RECORD_SCORES, { id: recordIds[0] }, outsider)).node).toBeNull();
  });

  it('evaluates tool calls held in a json field, and fails a record whose calls are malformed with the field named', async () => {
    const agentDataset = (
      await ok(
        'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
        {
          input: {
            name: 'agent runs',
            fields: [
              { name: 'input', type: 'TEXT' },
              { name: 'tool_calls', type: 'JSON' },
              { name: 'steps', type: 'TEXT' },
            ],
          },
        },
      )
    ).createDataset.dataset.id;
    const search = { name: 'search', arguments: { q: 'weather' }, status: 'ok' };
    const failedCall = { name: 'get_weather', arguments: { city: 'Oslo' }, status: 'error', error: 'timeout' };
    const runs = [
      // Known rates: 2 of 2, 1 of 2, and a list whose call has no name.
      { input: 'all good', tool_calls: [search, { ...search, arguments: { q: 'news' } }] },
      { input: 'one failed', tool_calls: [search, failedCall] },
      { input: 'malformed', tool_calls: [{ arguments: {}, status: 'ok' }] },
    ];
    const created = await ok(
      `mutation($input: CreateDatasetRecordsInput!) { createDatasetRecords(input: $input) {
        ... on DatasetRecordsPayload { records { id } } } }`,
      { input: { dataset: agentDataset, records: runs } },
    );
    const ids: string[] = created.createDatasetRecords.records.map((r: { id: string }) => r.id);
    const frozen = (
      await ok(
        `mutation($input: CreateDatasetSnapshotInput!) { createDatasetSnapshot(input: $input) {
          ... on DatasetSnapshotPayload { snapshot { id } } } }`,
        { input: { dataset: agentDataset, name: 'agent-v1' } },
      )
    ).createDatasetSnapshot.snapshot.id;
    const successRate = await createEvaluator({ name: 'tool success', plugin: 'tool-call-success-rate', config: {} });

    // tool_calls is a json field, so it fills toolCalls by its name.
    const task = await createTask({
      name: 'agent tool calls',
      evaluator: successRate,
      dataSource: 'DATASET_SNAPSHOT',
      snapshot: frozen,
      mode: 'HISTORICAL',
    });
    expect(task.task.fieldMapping).toMatchObject({ input: 'input', toolCalls: 'tool_calls', metadata: ['steps'] });
    expect(await waitDone(task.task.id)).toMatchObject({ counts: { scored: 2, failed: 1, total: 3 } });
    const malformed = (await decisions(task.task.id)).find((d) => d.datasetRecordId === ids[2]);
    expect(malformed).toMatchObject({ decision: 'FAILED' });
    expect(malformed?.reason).toContain(
      'field "tool_calls" (mapped to toolCalls) is not a list of tool calls ({name, arguments?, result?, status?: ok|error|unset}): 0.name:',
    );
    const RATES = `query($id: ID!) { node(id: $id) { ... on DatasetRecord { scores { name value } } } }`;
    expect((await ok(RATES, { id: ids[0] })).node.scores).toEqual([{ name: 'tool-call-success-rate', value: 1 }]);
    expect((await ok(RATES, { id: ids[1] })).node.scores).toEqual([{ name: 'tool-call-success-rate', value: 0.5 }]);

    // A text field holding JSON maps too; a dry run names the broken part; sub-fields need a json field.
    const DRY_RUN = `mutation($input: DryRunEvaluatorInput!) { dryRunEvaluator(input: $input) {
      __typename ... on EvaluatorDryRun { status scores { value } sample }
      ... on InvalidInputError { issues { path message } } } }`;
    await ok('mutation($input: UpdateDatasetRecordInput!) { updateDatasetRecord(input: $input) { __typename } }', {
      input: { id: ids[0], data: { steps: JSON.stringify([failedCall]) } },
    });
    const fromText = (
      await ok(DRY_RUN, {
        input: { evaluator: successRate, sample: { datasetRecord: ids[0], fieldMapping: { toolCalls: 'steps' } } },
      })
    ).dryRunEvaluator;
    expect(fromText).toMatchObject({ status: 'SCORED', scores: [{ value: 0 }] });
    expect(fromText.sample.toolCalls).toEqual([{ ...failedCall, status: 'error' }]);
    expect(
      (await ok(DRY_RUN, { input: { evaluator: successRate, sample: { datasetRecord: ids[2], snapshot: frozen } } }))
        .dryRunEvaluator,
    ).toEqual({
      __typename: 'InvalidInputError',
      issues: [
        { path: 'sample.fieldMapping.toolCalls', message: expect.stringContaining('field "tool_calls" (mapped to toolCalls)') },
      ],
    });
    const longField = await createTask({
      name: 'calls in a number',
      evaluator: successRate,
      dataSource: 'DATASET_SNAPSHOT',
      snapshot,
      mode: 'HISTORICAL',
      fieldMapping: { toolCalls: 'topic.calls' },
    });
    expect(longField.issues).toEqual([
      { path: 'fieldMapping.toolCalls', message: '"topic" is a text field; only json fields have sub-fields' },
    ]);
  });
});
