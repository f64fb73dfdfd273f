import { describe, expect, it } from 'vitest';
import { insertRecords, lockDatasetForWrite } from '../server/src/datasets/record-writes.js';
import { decodeGlobalId, encodeGlobalId } from '../server/src/graphql/global-id.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

const CHANGE = `mutation($input: ChangeDatasetSchemaInput!) {
  changeDatasetSchema(input: $input) {
    __typename
    ... on ChangeDatasetSchemaPayload {
      dryRun applied addedFields removedFields changedFields breakingCount droppedValueCount changedRecordCount reindex
      breakingRecords { recordId field reason }
      dataset { fields { name type required embedding } }
    }
    ... on SchemaChangeBreaksRecordsError { code message breakingCount breakingRecords { recordId field reason } }
    ... on InvalidInputError { issues { path message } }
    ... on Error { code message }
  }
}`;

const FIELDS = [
  { name: 'question', type: 'TEXT', required: true },
  { name: 'answer', type: 'TEXT' },
  { name: 'difficulty', type: 'TEXT' },
  { name: 'meta', type: 'JSON' },
];

describe('dataset schema changes', () => {
  const t = useTestServer();
  const call = (query: string, variables?: Record<string, unknown>) => gql(t.server.url, t.server.adminKey, query, variables);

  /** A dataset with three records; difficulty is '3' (a string), 2 and 2.5, so changing it to LONG breaks two. */
  const seed = async (name: string) => {
    const res = await call(
      'mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }',
      { input: { name, fields: FIELDS } },
    );
    const id: string = res.data?.createDataset.dataset.id;
    const db = await t.database.open();
    const { projectId } = await db.prisma.dataset.findUniqueOrThrow({ where: { id: decodeGlobalId(id).id } });
    const records = await db.sql.transaction(async (tx) => {
      const dataset = await lockDatasetForWrite(tx, projectId, decodeGlobalId(id).id);
      return insertRecords(tx, { apiKeyId: null }, dataset, [
        { question: 'a', difficulty: '3', meta: { x: 1 } },
        { question: 'b', answer: 'B' },
        { question: 'c', difficulty: 'hard' },
      ]);
    });
    return { id, records: records.map((r) => encodeGlobalId('DatasetRecord', r.id)), db };
  };

  it('reports exactly which records would break in a dry run, refuses to apply, then applies when values may be dropped', async () => {
    const { id, records, db } = await seed('change me');
    const [first, second, third] = records;
    const next = [
      { name: 'question', type: 'TEXT', required: true, embedding: true },
      { name: 'answer', type: 'TEXT', required: true },
      { name: 'difficulty', type: 'LONG' },
      { name: 'label', type: 'TEXT' },
    ];

    const dry = await call(CHANGE, { input: { id, fields: next, dryRun: true } });
    expect(dry.data?.changeDatasetSchema).toEqual({
      __typename: 'ChangeDatasetSchemaPayload',
      dryRun: true,
      applied: false,
      addedFields: ['label'],
      removedFields: ['meta'],
      changedFields: ['question', 'answer', 'difficulty'],
      breakingCount: 5,
      droppedValueCount: 0,
      changedRecordCount: 0,
      reindex: true,
      breakingRecords: [
        { recordId: first, field: 'answer', reason: 'has no value, but the field is required after the change' },
        { recordId: first, field: 'difficulty', reason: 'is a string; a long field holds whole numbers' },
        {
          recordId: first,
          field: 'meta',
          reason: 'has a value for this field, which the change removes (allow dropping values to remove them)',
        },
        { recordId: third, field: 'answer', reason: 'has no value, but the field is required after the change' },
        { recordId: third, field: 'difficulty', reason: 'is a string; a long field holds whole numbers' },
      ],
      dataset: { fields: FIELDS.map((f) => expect.objectContaining({ name: f.name })) },
    });

    const refused = await call(CHANGE, { input: { id, fields: next } });
    expect(refused.data?.changeDatasetSchema).toMatchObject({
      __typename: 'SchemaChangeBreaksRecordsError',
      code: 'CONFLICT',
      breakingCount: 5,
    });
    expect(refused.data?.changeDatasetSchema.message).toMatch(/would break 5 value/);

    // Dropping values cannot make up the required answers: those two still break.
    const stillRefused = await call(CHANGE, { input: { id, fields: next, dropValues: true } });
    expect(stillRefused.data?.changeDatasetSchema).toMatchObject({
      __typename: 'SchemaChangeBreaksRecordsError',
      breakingCount: 2,
      breakingRecords: [
        { recordId: first, field: 'answer' },
        { recordId: third, field: 'answer' },
      ],
    });

    const optionalAnswer = next.map((f) => (f.name === 'answer' ? { name: 'answer', type: 'TEXT' } : f));
    const dryDrop = await call(CHANGE, { input: { id, fields: optionalAnswer, dropValues: true, dryRun: true } });
    expect(dryDrop.data?.changeDatasetSchema).toMatchObject({ breakingCount: 0, droppedValueCount: 3, applied: false });
    const applied = await call(CHANGE, { input: { id, fields: optionalAnswer, dropValues: true } });
    expect(applied.data?.changeDatasetSchema).toMatchObject({
      __typename: 'ChangeDatasetSchemaPayload',
      applied: true,
      breakingCount: 0,
      droppedValueCount: 3,
      changedRecordCount: 2,
      reindex: true,
      dataset: {
        fields: [
          { name: 'question', type: 'TEXT', required: true, embedding: true },
          { name: 'answer', type: 'TEXT', required: false, embedding: false },
          { name: 'difficulty', type: 'LONG', required: false, embedding: false },
          { name: 'label', type: 'TEXT', required: false, embedding: false },
        ],
      },
    });

    const datasetId = decodeGlobalId(id).id;
    const rows = await db.prisma.datasetRecord.findMany({ where: { datasetId }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.data, r.version])).toEqual([
      [{ question: 'a' }, 2],
      [{ question: 'b', answer: 'B' }, 1],
      [{ question: 'c' }, 2],
    ]);
    // History keeps the dropped values.
    const history = await db.prisma.datasetRecordVersion.findMany({
      where: { recordId: decodeGlobalId(first ?? '').id },
      orderBy: { version: 'asc' },
    });
    expect(history.map((v) => v.data)).toEqual([{ question: 'a', difficulty: '3', meta: { x: 1 } }, { question: 'a' }]);
    const outbox = await db.prisma.searchOutbox.findMany({ where: { datasetId, recordId: null } });
    expect(outbox.map((o) => o.operation)).toEqual(['REINDEX_DATASET']);
    expect(second).toBeDefined();
  });

  it('applies a change nothing breaks; a required-only change needs no reindex', async () => {
    const { id, db } = await seed('safe change');
    const datasetId = decodeGlobalId(id).id;
    const relaxed = FIELDS.map((f) => ({ name: f.name, type: f.type }));
    const res = await call(CHANGE, { input: { id, fields: relaxed } });
    expect(res.data?.changeDatasetSchema).toMatchObject({ applied: true, changedFields: ['question'], reindex: false });
    expect(await db.prisma.searchOutbox.count({ where: { datasetId, recordId: null } })).toBe(0);

    const bad = await call(CHANGE, { input: { id, fields: [{ name: 'id', type: 'TEXT' }] } });
    expect(bad.data?.changeDatasetSchema).toMatchObject({ __typename: 'InvalidInputError', issues: [{ path: 'fields.0.name' }] });
    const missing = await call(CHANGE, {
      input: { id: encodeGlobalId('Dataset', '00000000-0000-7000-8000-000000000000'), fields: [] },
    });
    expect(missing.data?.changeDatasetSchema).toMatchObject({ __typename: 'NotFoundError' });
  });
});
