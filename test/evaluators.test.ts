import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

const FIELDS = 'id name pluginName config timeoutMs plugin { name } judgeService { id name }';
const CREATE = `mutation($input: CreateEvaluatorInput!) { createEvaluator(input: $input) {
  __typename ... on EvaluatorPayload { evaluator { ${FIELDS} } }
  ... on InvalidInputError { issues { path message } } ... on Error { code message } } }`;
const UPDATE = `mutation($input: UpdateEvaluatorInput!) { updateEvaluator(input: $input) {
  __typename ... on EvaluatorPayload { evaluator { ${FIELDS} } }
  ... on InvalidInputError { issues { path message } } ... on Error { code message } } }`;
const DELETE = `mutation($id: ID!) { deleteEvaluator(input: { id: $id }) {
  __typename ... on DeleteEvaluatorPayload { deletedEvaluatorId } ... on Error { code message } } }`;

describe('configured evaluators', () => {
  const t = useTestServer({ env: { AGENTLOOP_SECRET_KEY: randomBytes(32).toString('base64') } });
  const call = async (query: string, variables: Record<string, unknown>, key = t.server.adminKey) => {
    const res = await gql(t.server.url, key, query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.values(res.data ?? {})[0] as Record<string, any>;
  };

  it('saves a plugin with a checked config, and names the field of every mistake', async () => {
    expect(await call(CREATE, { input: { name: 'x', plugin: 'no-such-plugin' } })).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ path: 'plugin', message: expect.stringContaining('no-such-plugin') }],
    });
    const badConfig = await call(CREATE, { input: { name: 'x', plugin: 'contains', config: { values: 'refund' } } });
    expect(badConfig.__typename).toBe('InvalidInputError');
    expect(badConfig.issues.map((issue: { path: string }) => issue.path)).toContain('config.values');
    // A judged plugin without a judge would fail on every candidate: refused when saved.
    expect(await call(CREATE, { input: { name: 'x', plugin: 'coherence' } })).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ path: 'judgeService' }],
    });
    expect(
      await call(CREATE, { input: { name: 'x', plugin: 'contains', config: { values: ['a'] }, timeoutMs: 5 } }),
    ).toMatchObject({ __typename: 'InvalidInputError', issues: [{ path: 'timeoutMs' }] });

    const created = await call(CREATE, {
      input: { name: 'mentions refunds', plugin: 'contains', config: { values: ['refund'] } },
    });
    expect(created).toMatchObject({
      __typename: 'EvaluatorPayload',
      evaluator: { name: 'mentions refunds', pluginName: 'contains', plugin: { name: 'contains' }, timeoutMs: 60000 },
    });
    const id = created.evaluator.id as string;
    expect(
      await call(CREATE, { input: { name: 'mentions refunds', plugin: 'contains', config: { values: ['x'] } } }),
    ).toMatchObject({ __typename: 'ConflictError' });

    const updated = await call(UPDATE, { input: { id, config: { values: ['refund', 'money back'] }, timeoutMs: 1000 } });
    expect(updated.evaluator).toMatchObject({ config: { values: ['refund', 'money back'] }, timeoutMs: 1000 });
    expect((await call(UPDATE, { input: { id, config: { values: 3 } } })).__typename).toBe('InvalidInputError');

    const listed = await gql(t.server.url, t.server.adminKey, '{ evaluators(first: 10) { totalCount edges { node { id } } } }');
    expect(listed.data?.evaluators).toMatchObject({ totalCount: 1, edges: [{ node: { id } }] });
    const audit = await gql(t.server.url, t.server.adminKey, '{ auditLog(first: 20) { edges { node { action } } } }');
    expect(audit.data?.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(
      expect.arrayContaining(['evaluator.create', 'evaluator.update']),
    );

    // Another project's key cannot see or touch it.
    const other = await createProjectVia(t.server.url, t.server.adminKey, 'other-evaluators');
    const foreign = await createKeyVia(t.server.url, t.server.adminKey, { project: other, role: 'admin' });
    const seen = await gql(t.server.url, foreign.secret, 'query($id: ID!) { evaluator(id: $id) { id } }', { id });
    expect(seen.data?.evaluator).toBeNull();
    expect((await call(DELETE, { id }, foreign.secret)).__typename).toBe('NotFoundError');
    // Viewers read, members manage.
    const viewer = await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer' });
    const refused = await gql(t.server.url, viewer.secret, DELETE, { id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect(await call(DELETE, { id })).toMatchObject({ __typename: 'DeleteEvaluatorPayload', deletedEvaluatorId: id });
    const gone = await gql(t.server.url, t.server.adminKey, 'query($id: ID!) { evaluator(id: $id) { id } }', { id });
    expect(gone.data?.evaluator).toBeNull();
  });
});
