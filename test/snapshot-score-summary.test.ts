import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../server/src/graphql/global-id.js';
import { createKeyVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

const SUMMARY = `query($id: ID!, $task: ID) { node(id: $id) { ... on DatasetSnapshot { recordCount
  scoreSummary(task: $task) { task { id name } name count scoredRecords recordCount coverage corrected
    avg min max p50 labels { label count } } } } }`;

type Summary = {
  task: { id: string; name: string } | null;
  name: string;
  count: number;
  scoredRecords: number;
  recordCount: number;
  coverage: number;
  corrected: number;
  avg: number | null;
  min: number | null;
  max: number | null;
  p50: number | null;
  labels: { label: string; count: number }[];
};

// Real job queue on a shared 2-core machine: generous time bounds.
describe('snapshot score summary', { timeout: 180_000 }, () => {
  const t = useTestServer({ env: { AGENTLOOP_JOB_POLL_MS: '50' } });
  const ok = async (query: string, variables?: Record<string, unknown>, key = t.server.adminKey) => {
    const res = await gql(t.server.url, key, query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data as Record<string, any>;
  };
  const setUp = async (name: string) => {
    const dataset = (
      await ok(
        'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
        { input: { name, fields: ['input', 'output', 'expected_output'].map((name) => ({ name, type: 'TEXT' })) } },
      )
    ).createDataset.dataset.id;
    // The agent got France and Spain right, Japan and Italy wrong.
    await ok(
      `mutation($input: CreateDatasetRecordsInput!) { createDatasetRecords(input: $input) {
        ... on DatasetRecordsPayload { records { id } } } }`,
      {
        input: {
          dataset,
          records: [
            { input: 'Capital of France?', output: 'Paris', expected_output: 'Paris' },
            { input: 'Capital of Japan?', output: 'Kyoto', expected_output: 'Tokyo' },
            { input: 'Capital of Italy?', output: 'Milan', expected_output: 'Rome' },
            { input: 'Capital of Spain?', output: 'Madrid', expected_output: 'Madrid' },
          ],
        },
      },
    );
    const snapshot = (
      await ok(
        `mutation($input: CreateDatasetSnapshotInput!) { createDatasetSnapshot(input: $input) {
          ... on DatasetSnapshotPayload { snapshot { id } } } }`,
        { input: { dataset, name: 'golden-v1' } },
      )
    ).createDatasetSnapshot.snapshot.id as string;
    return { snapshot };
  };

  const createEvaluator = async (input: Record<string, unknown>) =>
    (
      await ok(
        `mutation($input: CreateEvaluatorInput!) { createEvaluator(input: $input) {
          __typename ... on EvaluatorPayload { evaluator { id } } ... on Error { message } } }`,
        { input },
      )
    ).createEvaluator.evaluator.id as string;

  const runTask = async (input: Record<string, unknown>) => {
    const task = (
      await ok(
        `mutation($input: CreateEvalTaskInput!) { createEvalTask(input: $input) {
          __typename ... on EvalTaskPayload { task { id } } ... on Error { message } } }`,
        { input: { dataSource: 'DATASET_SNAPSHOT', mode: 'HISTORICAL', ...input } },
      )
    ).createEvalTask.task.id as string;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const status = (await ok('query($id: ID!) { evalTask(id: $id) { status } }', { id: task })).evalTask.status;
      if (status === 'COMPLETED') return task;
      if (Date.now() > deadline) throw new Error(`task ${task} is still ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const summary = async (snapshot: string, task?: string, key = t.server.adminKey) =>
    (await ok(SUMMARY, { id: snapshot, task }, key)).node?.scoreSummary as Summary[] | undefined;

  it('aggregates each task’s current scores against the snapshot’s record count, corrections included', async () => {
    const { snapshot } = await setUp('capitals');
    const exactMatch = await createEvaluator({ name: 'exact answer', plugin: 'exact-match', config: {} });
    const contains = await createEvaluator({ name: 'mentions paris', plugin: 'contains', config: { values: ['Paris'] } });
    const first = await runTask({ name: 'exact v1', evaluator: exactMatch, snapshot });
    const capped = await runTask({ name: 'paris capped', evaluator: contains, snapshot, maxSamples: 2 });

    const before = (await summary(snapshot)) ?? [];
    expect(before.map((s) => [s.task?.name, s.name])).toEqual([
      ['exact v1', 'exact-match'],
      ['paris capped', 'contains'],
    ]);
    expect(before[0]).toMatchObject({
      task: { id: first },
      count: 4,
      scoredRecords: 4,
      recordCount: 4,
      coverage: 1,
      corrected: 0,
      avg: 0.5,
      min: 0,
      max: 1,
      p50: 0.5,
      labels: [],
    });
    // Two of four records sampled: the other half of the denominator is visible, not hidden.
    expect(before[1]).toMatchObject({ task: { id: capped }, count: 2, scoredRecords: 2, recordCount: 4, coverage: 0.5 });

    // Reviewers accept Kyoto (a number) and call Milan partly right (a label): corrections replace
    // the task's scores in its numbers, they do not add to them.
    const scores = await ok(
      `query($id: ID!, $task: ID) { node(id: $id) { ... on DatasetSnapshot {
        scores(first: 10, task: $task) { edges { node { id value } } } } } }`,
      { id: snapshot, task: first },
    );
    const zeros = scores.node.scores.edges
      .filter((e: { node: { value: number } }) => e.node.value === 0)
      .map((e: { node: { id: string } }) => e.node.id);
    expect(zeros).toHaveLength(2);
    const correct = async (input: Record<string, unknown>) =>
      (
        await ok(
          `mutation($input: CorrectScoreInput!) { correctScore(input: $input) {
            __typename ... on ScorePayload { score { id } } ... on Error { message } } }`,
          { input },
        )
      ).correctScore.__typename;
    expect(await correct({ score: zeros[0], value: 1, comment: 'Kyoto was the capital once' })).toBe('ScorePayload');
    expect(await correct({ score: zeros[1], label: 'partly-right' })).toBe('ScorePayload');

    const [after] = (await summary(snapshot, first)) ?? [];
    expect(after).toMatchObject({
      task: { id: first },
      count: 4,
      scoredRecords: 4,
      corrected: 2,
      avg: 1,
      min: 1,
      labels: [{ label: 'partly-right', count: 1 }],
    });
    expect((await summary(snapshot, first))?.length).toBe(1);
  });

  it('names a wrong task ID, and shows nothing to another project', async () => {
    const { snapshot } = await setUp('capitals-2');
    const wrong = await gql(t.server.url, t.server.adminKey, SUMMARY, {
      id: snapshot,
      task: encodeGlobalId('Dataset', '00000000-0000-0000-0000-000000000000'),
    });
    expect(wrong.errors?.[0]?.message).toMatch(/EvalTask/);

    const projectRes = await gql(
      t.server.url,
      t.server.adminKey,
      `mutation { createProject(input: { name: "other" }) { ... on ProjectPayload { project { id } } } }`,
    );
    const other = await createKeyVia(t.server.url, t.server.adminKey, {
      project: projectRes.data?.createProject.project.id,
      role: 'admin',
    });
    expect(await summary(snapshot, undefined, other.secret)).toBeUndefined();
  });
});
