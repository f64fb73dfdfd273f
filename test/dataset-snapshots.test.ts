import { describe, expect, it } from 'vitest';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

const SNAPSHOT = `mutation($input: CreateDatasetSnapshotInput!) {
  createDatasetSnapshot(input: $input) {
    __typename
    ... on DatasetSnapshotPayload { snapshot { id name description recordCount fields { name type } } }
    ... on Error { code message }
  }
}`;

const READ = `query($id: ID!, $after: String) { node(id: $id) { ... on DatasetSnapshot {
  name recordCount
  records(first: 2, after: $after) { pageInfo { hasNextPage endCursor } edges { node { recordId version data } } }
} } }`;

describe('dataset snapshots', () => {
  const t = useTestServer();
  const call = (query: string, variables?: Record<string, unknown>, key = t.server.adminKey) =>
    gql(t.server.url, key, query, variables);

  const allRecords = async (id: string, key = t.server.adminKey) => {
    const rows: { recordId: string; version: number; data: unknown }[] = [];
    let after: string | null = null;
    for (;;) {
      const res: Awaited<ReturnType<typeof call>> = await call(READ, { id, after }, key);
      expect(res.errors).toBeUndefined();
      const records = res.data?.node.records;
      rows.push(...records.edges.map((edge: { node: (typeof rows)[number] }) => edge.node));
      if (!records.pageInfo.hasNextPage) return rows;
      after = records.pageInfo.endCursor;
    }
  };

  it('freezes exact record versions: later edits, deletions and schema changes do not change what it reads', async () => {
    const created = await call(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
      {
        input: {
          name: 'frozen',
          fields: [
            { name: 'q', type: 'TEXT', required: true },
            { name: 'label', type: 'TEXT' },
          ],
        },
      },
    );
    const dataset = created.data?.createDataset.dataset.id;
    const records = await call(
      `mutation($input: CreateDatasetRecordsInput!) { createDatasetRecords(input: $input) {
        ... on DatasetRecordsPayload { records { id } } } }`,
      { input: { dataset, records: [{ q: 'a', label: 'good' }, { q: 'b' }, { q: 'c', label: 'bad' }] } },
    );
    const [a, b, c] = records.data?.createDatasetRecords.records.map((r: { id: string }) => r.id) ?? [];

    const snap = await call(SNAPSHOT, { input: { dataset, name: 'v1', description: 'before the fixes' } });
    expect(snap.data?.createDatasetSnapshot).toMatchObject({
      __typename: 'DatasetSnapshotPayload',
      snapshot: {
        name: 'v1',
        description: 'before the fixes',
        recordCount: 3,
        fields: [
          { name: 'q', type: 'TEXT' },
          { name: 'label', type: 'TEXT' },
        ],
      },
    });
    const v1 = snap.data?.createDatasetSnapshot.snapshot.id;
    const frozen = [
      { recordId: a, version: 1, data: { q: 'a', label: 'good' } },
      { recordId: b, version: 1, data: { q: 'b' } },
      { recordId: c, version: 1, data: { q: 'c', label: 'bad' } },
    ];
    expect(await allRecords(v1)).toEqual(frozen);

    // Edit one, delete one, add one, and drop a field from the schema.
    await call('mutation($input: UpdateDatasetRecordInput!) { updateDatasetRecord(input: $input) { __typename } }', {
      input: { id: a, data: { label: 'fixed' } },
    });
    await call('mutation($input: DeleteDatasetRecordsInput!) { deleteDatasetRecords(input: $input) { __typename } }', {
      input: { dataset, ids: [c] },
    });
    await call('mutation($input: CreateDatasetRecordInput!) { createDatasetRecord(input: $input) { __typename } }', {
      input: { dataset, data: { q: 'd' } },
    });
    const changed = await call(
      'mutation($input: ChangeDatasetSchemaInput!) { changeDatasetSchema(input: $input) { __typename } }',
      { input: { id: dataset, fields: [{ name: 'q', type: 'TEXT', required: true }], dropValues: true } },
    );
    expect(changed.data?.changeDatasetSchema.__typename).toBe('ChangeDatasetSchemaPayload');

    expect(await allRecords(v1)).toEqual(frozen);
    const v2 = (await call(SNAPSHOT, { input: { dataset, name: 'v2' } })).data?.createDatasetSnapshot.snapshot;
    expect(v2).toMatchObject({ recordCount: 3, fields: [{ name: 'q', type: 'TEXT' }] });
    expect((await allRecords(v2.id)).map((r) => [r.recordId, r.version, r.data])).toEqual([
      [a, 3, { q: 'a' }],
      [b, 1, { q: 'b' }],
      [expect.any(String), 1, { q: 'd' }],
    ]);

    const listed = await call('query($id: ID!) { dataset(id: $id) { snapshots { totalCount edges { node { name } } } } }', {
      id: dataset,
    });
    expect(listed.data?.dataset.snapshots).toEqual({
      totalCount: 2,
      edges: [{ node: { name: 'v2' } }, { node: { name: 'v1' } }],
    });

    const duplicate = await call(SNAPSHOT, { input: { dataset, name: 'v1' } });
    expect(duplicate.data?.createDatasetSnapshot).toEqual({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      message: 'This dataset already has a snapshot named "v1"',
    });

    // Another project sees nothing and can delete nothing.
    const other = await createProjectVia(t.server.url, t.server.adminKey, 'snapshot thieves');
    const key = (await createKeyVia(t.server.url, t.server.adminKey, { project: other, role: 'admin' })).secret;
    expect((await call(READ, { id: v1 }, key)).data).toEqual({ node: null });
    const foreignDelete = await call(
      'mutation($id: ID!) { deleteDatasetSnapshot(input: { id: $id }) { __typename ... on Error { code } } }',
      { id: v1 },
      key,
    );
    expect(foreignDelete.data?.deleteDatasetSnapshot).toEqual({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    expect((await call(SNAPSHOT, { input: { dataset, name: 'mine' } }, key)).data?.createDatasetSnapshot).toMatchObject({
      code: 'NOT_FOUND',
    });

    const deleted = await call(
      'mutation($id: ID!) { deleteDatasetSnapshot(input: { id: $id }) { __typename ... on DeleteDatasetSnapshotPayload { deletedSnapshotId } } }',
      { id: v1 },
    );
    expect(deleted.data?.deleteDatasetSnapshot).toEqual({ __typename: 'DeleteDatasetSnapshotPayload', deletedSnapshotId: v1 });
    expect((await call(READ, { id: v1 })).data).toEqual({ node: null });
    // The records and their history stay.
    const history = await call(
      'query($id: ID!, $c: ID!) { dataset(id: $id) { recordCount recordHistory(id: $c) { edges { node { operation } } } } }',
      {
        id: dataset,
        c,
      },
    );
    expect(history.data?.dataset).toEqual({
      recordCount: 3,
      recordHistory: { edges: [{ node: { operation: 'INSERT' } }, { node: { operation: 'DELETE' } }] },
    });
  });
});
