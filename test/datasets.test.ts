import { describe, expect, it } from 'vitest';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

const DATASET_FIELDS = 'id name description recordCount fields { name type required chn embedding jsonKeys }';

const CREATE = `mutation($input: CreateDatasetInput!) {
  createDataset(input: $input) {
    __typename
    ... on DatasetPayload { dataset { ${DATASET_FIELDS} } }
    ... on InvalidInputError { issues { path message } }
    ... on ConflictError { message }
  }
}`;

const UPDATE = `mutation($input: UpdateDatasetInput!) {
  updateDataset(input: $input) {
    __typename
    ... on DatasetPayload { dataset { ${DATASET_FIELDS} } }
    ... on Error { code message }
  }
}`;

const DELETE = `mutation($id: ID!) {
  deleteDataset(input: { id: $id }) { __typename ... on DeleteDatasetPayload { deletedDatasetId } ... on Error { code message } }
}`;

describe('datasets', () => {
  const t = useTestServer();
  const call = (query: string, variables?: Record<string, unknown>, key = t.server.adminKey) =>
    gql(t.server.url, key, query, variables);

  it('creates a dataset with the four field types and options, lists, reads, renames and deletes it', async () => {
    const created = await call(CREATE, {
      input: {
        name: 'qa golden',
        description: 'golden questions',
        fields: [
          { name: 'question', type: 'TEXT', required: true, chn: true, embedding: true },
          { name: 'answer', type: 'TEXT' },
          { name: 'turns', type: 'LONG' },
          { name: 'score', type: 'DOUBLE' },
          { name: 'meta', type: 'JSON', jsonKeys: ['lang', 'source.app'] },
        ],
      },
    });
    expect(created.data?.createDataset).toMatchObject({
      __typename: 'DatasetPayload',
      dataset: {
        name: 'qa golden',
        description: 'golden questions',
        recordCount: 0,
        fields: [
          { name: 'question', type: 'TEXT', required: true, chn: true, embedding: true, jsonKeys: [] },
          { name: 'answer', type: 'TEXT', required: false, chn: false, embedding: false, jsonKeys: [] },
          { name: 'turns', type: 'LONG', required: false, chn: false, embedding: false, jsonKeys: [] },
          { name: 'score', type: 'DOUBLE', required: false },
          { name: 'meta', type: 'JSON', jsonKeys: ['lang', 'source.app'] },
        ],
      },
    });
    const id = created.data?.createDataset.dataset.id;

    const listed = await call('{ datasets { totalCount edges { node { id name } } } }');
    expect(listed.data?.datasets).toEqual({ totalCount: 1, edges: [{ node: { id, name: 'qa golden' } }] });
    const byId = await call('query($id: ID!) { dataset(id: $id) { name } node(id: $id) { ... on Dataset { name } } }', { id });
    expect(byId.data).toEqual({ dataset: { name: 'qa golden' }, node: { name: 'qa golden' } });

    const renamed = await call(UPDATE, { input: { id, name: 'qa gold' } });
    expect(renamed.data?.updateDataset.dataset).toMatchObject({ name: 'qa gold', description: 'golden questions' });
    const cleared = await call(UPDATE, { input: { id, description: '' } });
    expect(cleared.data?.updateDataset.dataset).toMatchObject({ name: 'qa gold', description: null });

    const audit = await call('{ auditLog(first: 10) { edges { node { action } } } }');
    expect(audit.data?.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(
      expect.arrayContaining(['dataset.create', 'dataset.update']),
    );

    expect((await call(DELETE, { id })).data?.deleteDataset).toEqual({
      __typename: 'DeleteDatasetPayload',
      deletedDatasetId: id,
    });
    expect((await call('query($id: ID!) { dataset(id: $id) { name } }', { id })).data).toEqual({ dataset: null });
    expect((await call(DELETE, { id })).data?.deleteDataset).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    const { prisma } = await t.database.open();
    const outbox = await prisma.searchOutbox.findMany({
      where: { datasetId: Buffer.from(id, 'base64url').toString().split(':')[1] },
    });
    expect(outbox.map((row) => row.operation)).toEqual(['DROP_DATASET']);
  });

  it('refuses bad field lists, naming the field and option', async () => {
    const issues = async (fields: unknown[], name = 'bad') => {
      const res = await call(CREATE, { input: { name, fields } });
      expect(res.data?.createDataset.__typename, JSON.stringify(res)).toBe('InvalidInputError');
      return res.data?.createDataset.issues;
    };
    expect(await issues([{ name: 'id', type: 'TEXT' }])).toEqual([
      { path: 'fields.0.name', message: '"id" is built in: every record has a generated, immutable id' },
    ]);
    expect(
      await issues([
        { name: 'a', type: 'TEXT' },
        { name: 'A', type: 'LONG' },
      ]),
    ).toEqual([{ path: 'fields.1.name', message: '"A" is already field 0' }]);
    expect(await issues([{ name: 'n', type: 'LONG', embedding: true }])).toEqual([
      { path: 'fields.0.embedding', message: 'only text fields take embedding' },
    ]);
    expect(await issues([{ name: 't', type: 'TEXT', jsonKeys: ['a'] }])).toEqual([
      { path: 'fields.0.jsonKeys', message: 'only json fields take jsonKeys' },
    ]);
    expect(await issues([{ name: 'm', type: 'JSON', jsonKeys: ['a..b'] }])).toEqual([
      { path: 'fields.0.jsonKeys.0', message: 'must be a dot path like "a.b_c"' },
    ]);
    expect(await issues([{ name: '2x', type: 'TEXT' }])).toMatchObject([{ path: 'fields.0.name' }]);
    expect(await issues([], '  ')).toEqual([{ path: 'name', message: 'must not be empty' }]);

    await call(CREATE, { input: { name: 'taken', fields: [] } });
    const duplicate = await call(CREATE, { input: { name: 'taken', fields: [] } });
    expect(duplicate.data?.createDataset).toEqual({
      __typename: 'ConflictError',
      message: 'A dataset named "taken" already exists in this project',
    });
  });

  it("is invisible to another project's key and refuses a viewer's changes", async () => {
    const created = await call(CREATE, { input: { name: 'private', fields: [{ name: 'q', type: 'TEXT' }] } });
    const id = created.data?.createDataset.dataset.id;
    const other = await createProjectVia(t.server.url, t.server.adminKey, 'other');
    const otherKey = (await createKeyVia(t.server.url, t.server.adminKey, { project: other, role: 'admin' })).secret;
    const seen = await call(
      'query($id: ID!) { dataset(id: $id) { name } node(id: $id) { id } datasets { totalCount } }',
      { id },
      otherKey,
    );
    expect(seen.data).toEqual({ dataset: null, node: null, datasets: { totalCount: 0 } });
    expect((await call(UPDATE, { input: { id, name: 'stolen' } }, otherKey)).data?.updateDataset).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await call(DELETE, { id }, otherKey)).data?.deleteDataset).toMatchObject({ code: 'NOT_FOUND' });

    const viewer = (await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer' })).secret;
    const refused = await call(DELETE, { id }, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call('{ datasets { totalCount } }', {}, viewer)).data?.datasets.totalCount).toBeGreaterThan(0);
  });
});
