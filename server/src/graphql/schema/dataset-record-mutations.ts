import { actorOf } from '../../auth/principal.js';
import { RecordValidationError } from '../../datasets/record-issues.js';
import {
  createDatasetRecords,
  datasetOfRecord,
  deleteDatasetRecords,
  updateDatasetRecords,
} from '../../datasets/record-mutations.js';
import { InvalidInputError } from '../../errors/app-error.js';
import type { DatasetRecord } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { encodeGlobalId } from '../global-id.js';
import { DatasetRef } from './dataset.js';
import { DatasetRecordRef } from './dataset-record.js';
import { mutationErrors } from './errors.js';

/** Loads written records after commit, in the order they were given. */
const loadRecords = async (ctx: GraphQLContext, ids: string[]): Promise<DatasetRecord[]> => {
  if (ids.length === 0) return [];
  const rows = await ctx.prisma.datasetRecord.findMany({ where: { id: { in: ids }, projectId: ctx.principal.projectId } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
};

const RecordsPayload = builder.objectRef<{ records: DatasetRecord[] }>('DatasetRecordsPayload').implement({
  fields: (t) => ({ records: t.field({ type: [DatasetRecordRef], resolve: (payload) => payload.records }) }),
});

const RecordPayload = builder.objectRef<{ record: DatasetRecord }>('DatasetRecordPayload').implement({
  fields: (t) => ({ record: t.field({ type: DatasetRecordRef, resolve: (payload) => payload.record }) }),
});

const CreateDatasetRecordsInput = builder.inputType('CreateDatasetRecordsInput', {
  fields: (t) => ({
    dataset: t.globalID({ for: DatasetRef, required: true }),
    records: t.field({
      type: ['JSON'],
      required: true,
      description: 'Up to 1000 objects of field values. One bad record refuses them all; issues say `records.<index>.<field>`.',
    }),
  }),
});

builder.mutationField('createDatasetRecords', (t) =>
  t.field({
    type: RecordsPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Adds records, validated against the dataset schema; each gets a generated id and version 1.',
    args: { input: t.arg({ type: CreateDatasetRecordsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const written = await createDatasetRecords(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        datasetId: input.dataset.id,
        records: input.records,
      });
      return {
        records: await loadRecords(
          ctx,
          written.map((record) => record.id),
        ),
      };
    },
  }),
);

const CreateDatasetRecordInput = builder.inputType('CreateDatasetRecordInput', {
  fields: (t) => ({
    dataset: t.globalID({ for: DatasetRef, required: true }),
    data: t.field({ type: 'JSON', required: true, description: 'An object of field values; issues say `data.<field>`.' }),
  }),
});

builder.mutationField('createDatasetRecord', (t) =>
  t.field({
    type: RecordPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Adds one record.',
    args: { input: t.arg({ type: CreateDatasetRecordInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const written = await createDatasetRecords(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        datasetId: input.dataset.id,
        records: [input.data],
      }).catch((error: unknown) => {
        // One record: point at `data.<field>`, not at `records.0.<field>`.
        if (error instanceof RecordValidationError) {
          throw new InvalidInputError(
            error.records.map((issue) => ({ path: ['data', issue.field].filter(Boolean).join('.'), message: issue.message })),
          );
        }
        throw error;
      });
      const [record] = await loadRecords(
        ctx,
        written.map((r) => r.id),
      );
      if (!record) throw new Error('the record just written was not found');
      return { record };
    },
  }),
);

const UpdateModeEnum = builder.enumType('DatasetRecordUpdateMode', {
  values: {
    MERGE: { value: 'merge', description: 'Set the given fields; null removes a field; others stay.' },
    REPLACE: { value: 'replace', description: 'The given data is the whole new record.' },
  } as const,
});

const RecordChangeInput = builder.inputType('DatasetRecordChangeInput', {
  fields: (t) => ({
    id: t.globalID({ for: DatasetRecordRef, required: true }),
    data: t.field({ type: 'JSON', required: true }),
    expectedVersion: t.int({
      required: false,
      description: 'Refuse with CONFLICT unless the record is still at this version (optimistic concurrency).',
    }),
  }),
});

const UpdateDatasetRecordsInput = builder.inputType('UpdateDatasetRecordsInput', {
  fields: (t) => ({
    dataset: t.globalID({ for: DatasetRef, required: true }),
    mode: t.field({ type: UpdateModeEnum, required: false, defaultValue: 'merge' }),
    records: t.field({ type: [RecordChangeInput], required: true, description: 'Up to 1000; all or nothing.' }),
  }),
});

const UpdateRecordsPayload = builder
  .objectRef<{ updated: DatasetRecord[]; unchanged: DatasetRecord[] }>('UpdateDatasetRecordsPayload')
  .implement({
    fields: (t) => ({
      updated: t.field({ type: [DatasetRecordRef], resolve: (payload) => payload.updated, description: 'With a new version.' }),
      unchanged: t.field({
        type: [DatasetRecordRef],
        resolve: (payload) => payload.unchanged,
        description: 'Already had exactly this data: no version written.',
      }),
    }),
  });

builder.mutationField('updateDatasetRecords', (t) =>
  t.field({
    type: UpdateRecordsPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Changes records; each change keeps the previous version in the history.',
    args: { input: t.arg({ type: UpdateDatasetRecordsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const result = await updateDatasetRecords(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        datasetId: input.dataset.id,
        mode: input.mode ?? 'merge',
        records: input.records.map((change) => ({
          id: change.id.id,
          data: change.data as Record<string, unknown>,
          expectedVersion: change.expectedVersion,
        })),
      });
      return {
        updated: await loadRecords(
          ctx,
          result.updated.map((r) => r.id),
        ),
        unchanged: await loadRecords(
          ctx,
          result.unchanged.map((r) => r.id),
        ),
      };
    },
  }),
);

const UpdateDatasetRecordInput = builder.inputType('UpdateDatasetRecordInput', {
  fields: (t) => ({
    id: t.globalID({ for: DatasetRecordRef, required: true }),
    mode: t.field({ type: UpdateModeEnum, required: false, defaultValue: 'merge' }),
    data: t.field({ type: 'JSON', required: true }),
    expectedVersion: t.int({ required: false, description: 'Refuse with CONFLICT unless the record is at this version.' }),
  }),
});

builder.mutationField('updateDatasetRecord', (t) =>
  t.field({
    type: RecordPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Changes one record (see updateDatasetRecords).',
    args: { input: t.arg({ type: UpdateDatasetRecordInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const datasetId = await datasetOfRecord(ctx, ctx.principal.projectId, input.id.id);
      await updateDatasetRecords(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        datasetId,
        mode: input.mode ?? 'merge',
        records: [{ id: input.id.id, data: input.data as Record<string, unknown>, expectedVersion: input.expectedVersion }],
      }).catch((error: unknown) => {
        if (error instanceof RecordValidationError) {
          throw new InvalidInputError(
            error.records.map((issue) => ({ path: ['data', issue.field].filter(Boolean).join('.'), message: issue.message })),
          );
        }
        throw error;
      });
      const [record] = await loadRecords(ctx, [input.id.id]);
      if (!record) throw new Error('the record just written was not found');
      return { record };
    },
  }),
);

const DeleteDatasetRecordsInput = builder.inputType('DeleteDatasetRecordsInput', {
  fields: (t) => ({
    dataset: t.globalID({ for: DatasetRef, required: true }),
    ids: t.globalIDList({ for: DatasetRecordRef, required: true, description: 'Up to 1000; one unknown id deletes none.' }),
  }),
});

const DeleteRecordsPayload = builder.objectRef<{ deletedRecordIds: string[] }>('DeleteDatasetRecordsPayload').implement({
  fields: (t) => ({ deletedRecordIds: t.exposeIDList('deletedRecordIds') }),
});

builder.mutationField('deleteDatasetRecords', (t) =>
  t.field({
    type: DeleteRecordsPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Deletes records; their history stays readable (`Dataset.recordHistory`) and snapshots keep them.',
    args: { input: t.arg({ type: DeleteDatasetRecordsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const deleted = await deleteDatasetRecords(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        datasetId: input.dataset.id,
        ids: input.ids.map((id) => id.id),
      });
      return { deletedRecordIds: deleted.map((id) => encodeGlobalId('DatasetRecord', id)) };
    },
  }),
);
