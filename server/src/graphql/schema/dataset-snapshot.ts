import { resolveCursorConnection } from '@pothos/plugin-relay';
import { actorOf } from '../../auth/principal.js';
import { storedFields } from '../../datasets/dataset-fields.js';
import { createSnapshot, deleteSnapshot, readSnapshotRecords, type SnapshotRecord } from '../../datasets/snapshots.js';
import type { DatasetSnapshot } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { DatasetFieldRef, DatasetRef } from './dataset.js';
import { mutationErrors } from './errors.js';

const SnapshotRecordRef = builder.objectRef<SnapshotRecord>('DatasetSnapshotRecord').implement({
  description: 'A record as the snapshot froze it: the data of exactly that version, whatever happened to it since.',
  fields: (t) => ({
    recordId: t.id({
      description: 'Global ID of the DatasetRecord (it may since have changed or been deleted).',
      resolve: (record) => encodeGlobalId('DatasetRecord', record.recordId),
    }),
    version: t.exposeInt('version'),
    data: t.expose('data', { type: 'JSON' }),
  }),
});

export const DatasetSnapshotRef = builder.prismaNode('DatasetSnapshot', {
  nullable: true,
  id: { field: 'id' },
  description:
    'An immutable, named set of exact record versions of a dataset: what evaluations and experiments run on, so scores ' +
    'compared across time share a denominator.',
  findUnique: (id, ctx) => ({ id, AND: [{ projectId: ctx.principal.projectId }] }),
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    recordCount: t.exposeInt('recordCount'),
    fields: t.field({
      type: [DatasetFieldRef],
      description: "The dataset's fields when the snapshot was taken.",
      resolve: (snapshot) => storedFields(snapshot.fields),
    }),
    dataset: t.relation('dataset'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    records: t.connection({
      type: SnapshotRecordRef,
      description: 'The frozen records in record id order.',
      resolve: async (snapshot, args, ctx) => {
        // Forward only: a snapshot never changes, so paging back is re-reading from the start.
        const page = async ({ after, limit, before }: { after?: string; before?: string; limit: number }) =>
          before ? [] : readSnapshotRecords(ctx.sql, ctx.principal.projectId, snapshot.id, { after, limit });
        const connection = await resolveCursorConnection({ args, toCursor: (record: SnapshotRecord) => record.recordId }, page);
        return connection ?? { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false } };
      },
    }),
  }),
});

builder.prismaObjectFields(DatasetRef, (t) => ({
  snapshots: t.relatedConnection('snapshots', {
    cursor: 'id',
    totalCount: true,
    description: 'Newest first.',
    query: { orderBy: { id: 'desc' } },
  }),
}));

const SnapshotPayload = builder.objectRef<{ snapshot: DatasetSnapshot }>('DatasetSnapshotPayload').implement({
  fields: (t) => ({ snapshot: t.field({ type: DatasetSnapshotRef, resolve: (payload) => payload.snapshot }) }),
});

const CreateDatasetSnapshotInput = builder.inputType('CreateDatasetSnapshotInput', {
  fields: (t) => ({
    dataset: t.globalID({ for: DatasetRef, required: true }),
    name: t.string({ required: true, description: 'Unique among the dataset’s snapshots, e.g. "golden-2026-11".' }),
    description: t.string({ required: false }),
  }),
});

builder.mutationField('createDatasetSnapshot', (t) =>
  t.field({
    type: SnapshotPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Freezes the current records (their exact versions) under a name.',
    args: { input: t.arg({ type: CreateDatasetSnapshotInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { id } = await createSnapshot(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        datasetId: input.dataset.id,
        name: input.name,
        description: input.description,
      });
      return { snapshot: await ctx.prisma.datasetSnapshot.findUniqueOrThrow({ where: { id } }) };
    },
  }),
);

const DeleteDatasetSnapshotInput = builder.inputType('DeleteDatasetSnapshotInput', {
  fields: (t) => ({ id: t.globalID({ for: DatasetSnapshotRef, required: true }) }),
});

const DeleteSnapshotPayload = builder.objectRef<{ deletedSnapshotId: string }>('DeleteDatasetSnapshotPayload').implement({
  fields: (t) => ({ deletedSnapshotId: t.exposeID('deletedSnapshotId') }),
});

builder.mutationField('deleteDatasetSnapshot', (t) =>
  t.field({
    type: DeleteSnapshotPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Deletes a snapshot; the records and their history stay.',
    args: { input: t.arg({ type: DeleteDatasetSnapshotInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { id } = await deleteSnapshot(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), input.id.id);
      return { deletedSnapshotId: encodeGlobalId('DatasetSnapshot', id) };
    },
  }),
);
