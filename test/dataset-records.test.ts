import { describe, expect, it } from 'vitest';
import { decodeGlobalId } from '../server/src/graphql/global-id.js';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

const RECORD = 'id data version createdBy updatedBy';

const CREATE_MANY = `mutation($input: CreateDatasetRecordsInput!) {
  createDatasetRecords(input: $input) {
    __typename
    ... on DatasetRecordsPayload { records { ${RECORD} } }
    ... on InvalidInputError { issues { path message } }
    ... on Error { code message }
  }
}`;

const CREATE_ONE = `mutation($input: CreateDatasetRecordInput!) {
  createDatasetRecord(input: $input) {
    __typename
    ... on DatasetRecordPayload { record { ${RECORD} } }
    ... on InvalidInputError { issues { path message } }
    ... on Error { code message }
  }
}`;

const UPDATE_MANY = `mutation($input: UpdateDatasetRecordsInput!) {
  updateDatasetRecords(input: $input) {
    __typename
    ... on UpdateDatasetRecordsPayload { updated { ${RECORD} } unchanged { id version } }
    ... on InvalidInputError { issues { path message } }
    ... on Error { code message }
  }
}`;

const UPDATE_ONE = `mutation($input: UpdateDatasetRecordInput!) {
  updateDatasetRecord(input: $input) {
    __typename
    ... on DatasetRecordPayload { record { ${RECORD} } }
    ... on InvalidInputError { issues { path message } }
    ... on Error { code message }
  }
}`;

const DELETE = `mutation($input: DeleteDatasetRecordsInput!) {
  deleteDatasetRecords(input: $input) {
    __typename
    ... on DeleteDatasetRecordsPayload { deletedRecordIds }
    ... on Error { code message }
  }
}`;

describe('dataset records through GraphQL', () => {
  const t = useTestServer();
  const call = (query: string, variables?: Record<string, unknown>, key = t.server.adminKey) =>
    gql(t.server.url, key, query, variables);

  const newDataset = async (name: string) => {
    const res = await call(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
      {
        input: {
          name,
          fields: [
            { name: 'question', type: 'TEXT', required: true },
            { name: 'answer', type: 'TEXT' },
            { name: 'turns', type: 'LONG' },
            { name: 'score', type: 'DOUBLE' },
            { name: 'meta', type: 'JSON', jsonKeys: ['lang'] },
          ],
        },
      },
    );
    return res.data?.createDataset.dataset.id as string;
  };

  it('creates, reads, updates (merge and replace), deletes records and keeps every version', async () => {
    const dataset = await newDataset('crud');
    const created = await call(CREATE_MANY, {
      input: {
        dataset,
        records: [
          { question: 'What is 2+2?', answer: '4', turns: 1, score: 0.5, meta: { lang: 'en' } },
          { question: '你好吗?', meta: { lang: 'zh', tags: ['greeting'] } },
        ],
      },
    });
    expect(created.data?.createDatasetRecords.__typename, JSON.stringify(created)).toBe('DatasetRecordsPayload');
    const [first, second] = created.data?.createDatasetRecords.records ?? [];
    expect(first).toMatchObject({
      data: { question: 'What is 2+2?', answer: '4', turns: 1, score: 0.5, meta: { lang: 'en' } },
      version: 1,
    });
    expect(decodeGlobalId(first.createdBy).typename).toBe('ApiKey');

    const one = await call(CREATE_ONE, { input: { dataset, data: { question: 'third', answer: null } } });
    expect(one.data?.createDatasetRecord.record).toMatchObject({ data: { question: 'third' }, version: 1 });
    const third = one.data?.createDatasetRecord.record;

    const merged = await call(UPDATE_MANY, {
      input: {
        dataset,
        records: [
          { id: first.id, data: { answer: 'four', score: null }, expectedVersion: 1 },
          { id: second.id, data: { question: '你好吗?' } },
        ],
      },
    });
    expect(merged.data?.updateDatasetRecords).toEqual({
      __typename: 'UpdateDatasetRecordsPayload',
      updated: [
        expect.objectContaining({
          data: { question: 'What is 2+2?', answer: 'four', turns: 1, meta: { lang: 'en' } },
          version: 2,
        }),
      ],
      unchanged: [{ id: second.id, version: 1 }],
    });
    const replaced = await call(UPDATE_ONE, { input: { id: first.id, mode: 'REPLACE', data: { question: 'Q' } } });
    expect(replaced.data?.updateDatasetRecord.record).toMatchObject({ data: { question: 'Q' }, version: 3 });
    const stale = await call(UPDATE_ONE, { input: { id: first.id, data: { answer: 'x' }, expectedVersion: 2 } });
    expect(stale.data?.updateDatasetRecord).toEqual({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      message: `DatasetRecord ${decodeGlobalId(first.id).id} is at version 3, not 2: someone changed it; reload and retry`,
    });

    const deleted = await call(DELETE, { input: { dataset, ids: [third.id] } });
    expect(deleted.data?.deleteDatasetRecords).toEqual({
      __typename: 'DeleteDatasetRecordsPayload',
      deletedRecordIds: [third.id],
    });
    expect((await call(DELETE, { input: { dataset, ids: [third.id, second.id] } })).data?.deleteDatasetRecords).toMatchObject({
      code: 'NOT_FOUND',
    });

    const read = await call(
      `query($id: ID!, $first: ID!, $third: ID!) { dataset(id: $id) {
        recordCount
        record(id: $first) { data version versions { totalCount edges { node { version operation data actor } } } }
        gone: record(id: $third) { id }
        recordHistory(id: $third) { edges { node { version operation data } } }
      } }`,
      { id: dataset, first: first.id, third: third.id },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.dataset).toEqual({
      recordCount: 2,
      record: {
        data: { question: 'Q' },
        version: 3,
        versions: {
          totalCount: 3,
          edges: [
            {
              node: {
                version: 1,
                operation: 'INSERT',
                data: { question: 'What is 2+2?', answer: '4', turns: 1, score: 0.5, meta: { lang: 'en' } },
                actor: first.createdBy,
              },
            },
            {
              node: {
                version: 2,
                operation: 'UPDATE',
                data: { question: 'What is 2+2?', answer: 'four', turns: 1, meta: { lang: 'en' } },
                actor: first.createdBy,
              },
            },
            { node: { version: 3, operation: 'UPDATE', data: { question: 'Q' }, actor: first.createdBy } },
          ],
        },
      },
      gone: null,
      recordHistory: {
        edges: [
          { node: { version: 1, operation: 'INSERT', data: { question: 'third' } } },
          { node: { version: 2, operation: 'DELETE', data: null } },
        ],
      },
    });
    const audit = await call('{ auditLog(first: 20) { edges { node { action } } } }');
    expect(audit.data?.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual(
      expect.arrayContaining(['dataset.records.create', 'dataset.records.update', 'dataset.records.delete']),
    );
  });

  it('refuses bad records with errors naming the record and field, and writes none of the batch', async () => {
    const dataset = await newDataset('bad records');
    const bad = await call(CREATE_MANY, {
      input: {
        dataset,
        records: [{ question: 'fine' }, { question: 42 }, { answer: 'no question', turns: 1.5, extra: true }, 'text'],
      },
    });
    expect(bad.data?.createDatasetRecords).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [
        { path: 'records.1.question', message: 'record 1, field question: must be a string (text field), got number 42' },
        { path: 'records.2.turns', message: 'record 2, field turns: must be an integer (long field), got number 1.5' },
        {
          path: 'records.2.extra',
          message: 'record 2, field extra: is not a field of this dataset (fields: question, answer, turns, score, meta)',
        },
        { path: 'records.2.question', message: 'record 2, field question: is required' },
        { path: 'records.3', message: 'record 3: must be a JSON object, got the string "text"' },
      ],
    });
    const one = await call(CREATE_ONE, { input: { dataset, data: { question: 'q', id: 'mine' } } });
    expect(one.data?.createDatasetRecord).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [{ path: 'data.id', message: 'is generated and immutable; it cannot be set' }],
    });
    const count = await call('query($id: ID!) { dataset(id: $id) { recordCount } }', { id: dataset });
    expect(count.data?.dataset.recordCount).toBe(0);

    const created = await call(CREATE_ONE, { input: { dataset, data: { question: 'q' } } });
    const id = created.data?.createDatasetRecord.record.id;
    const badUpdate = await call(UPDATE_MANY, { input: { dataset, records: [{ id, data: { score: 'high' } }] } });
    expect(badUpdate.data?.updateDatasetRecords).toMatchObject({
      __typename: 'InvalidInputError',
      issues: [
        {
          path: 'records.0.score',
          message: `record ${decodeGlobalId(id).id}, field score: must be a finite number (double field), got the string "high"`,
        },
      ],
    });
    const empty = await call(CREATE_MANY, { input: { dataset, records: [] } });
    expect(empty.data?.createDatasetRecords.issues).toEqual([{ path: 'records', message: 'give at least one record' }]);
  });

  it('pages records with keyset cursors in insertion order', async () => {
    const dataset = await newDataset('paged');
    const records = Array.from({ length: 25 }, (_, i) => ({ question: `q${i}`, turns: i }));
    await call(CREATE_MANY, { input: { dataset, records } });
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof call>> = await call(
        `query($id: ID!, $after: String) { dataset(id: $id) { records(first: 10, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { data } } } } }`,
        { id: dataset, after },
      );
      const connection = page.data?.dataset.records;
      expect(connection.totalCount).toBe(25);
      seen.push(...connection.edges.map((edge: { node: { data: { turns: number } } }) => edge.node.data.turns));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(records.map((r) => r.turns));
  });

  it("never shows or changes records through another project's key", async () => {
    const dataset = await newDataset('isolated');
    const created = await call(CREATE_ONE, { input: { dataset, data: { question: 'secret' } } });
    const id = created.data?.createDatasetRecord.record.id;
    const other = await createProjectVia(t.server.url, t.server.adminKey, 'record thieves');
    const key = (await createKeyVia(t.server.url, t.server.adminKey, { project: other, role: 'admin' })).secret;

    const read = await call('query($id: ID!) { node(id: $id) { id } }', { id }, key);
    expect(read.data).toEqual({ node: null });
    expect(
      (await call(CREATE_ONE, { input: { dataset, data: { question: 'x' } } }, key)).data?.createDatasetRecord,
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await call(UPDATE_ONE, { input: { id, data: { question: 'x' } } }, key)).data?.updateDatasetRecord).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await call(DELETE, { input: { dataset, ids: [id] } }, key)).data?.deleteDatasetRecords).toMatchObject({
      code: 'NOT_FOUND',
    });
    // Their own dataset cannot reach it either.
    const theirs = await call(
      'mutation { createDataset(input: { name: "theirs", fields: [{ name: "question", type: TEXT }] }) { ... on DatasetPayload { dataset { id } } } }',
      {},
      key,
    );
    const theirId = theirs.data?.createDataset.dataset.id;
    expect(
      (await call(UPDATE_MANY, { input: { dataset: theirId, records: [{ id, data: { question: 'x' } }] } }, key)).data
        ?.updateDatasetRecords,
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call(DELETE, { input: { dataset: theirId, ids: [id] } }, key)).data?.deleteDatasetRecords).toMatchObject({
      code: 'NOT_FOUND',
    });
    const mine = await call('query($id: ID!) { node(id: $id) { ... on DatasetRecord { data version } } }', { id });
    expect(mine.data?.node).toEqual({ data: { question: 'secret' }, version: 1 });

    const viewer = (await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer' })).secret;
    const refused = await call(CREATE_ONE, { input: { dataset, data: { question: 'x' } } }, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
