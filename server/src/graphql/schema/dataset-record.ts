import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { DatasetRef } from './dataset.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Writers are stored as the API key id or 'cli'; clients see the key's global ID. */
const actorId = (actor: string) => (UUID.test(actor) ? encodeGlobalId('ApiKey', actor) : actor);

export const DatasetRecordOperationEnum = builder.enumType('DatasetRecordOperation', {
  values: ['INSERT', 'UPDATE', 'DELETE'] as const,
});

export const DatasetRecordVersionRef = builder.prismaObject('DatasetRecordVersion', {
  description: 'One state a record had: what an insert or update left, or its deletion.',
  fields: (t) => ({
    version: t.exposeInt('version'),
    operation: t.expose('operation', { type: DatasetRecordOperationEnum }),
    data: t.expose('data', { type: 'JSON', nullable: true, description: 'The data after the change; null for DELETE.' }),
    actor: t.string({
      description: 'Global ID of the API key that made the change, or `cli` for the operator command line.',
      resolve: (version) => actorId(version.actor),
    }),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

export const DatasetRecordRef = builder.prismaNode('DatasetRecord', {
  nullable: true,
  id: { field: 'id' },
  description: "One row of a dataset: `data` holds the fields' values, valid against the dataset's schema.",
  findUnique: (id, ctx) => ({ id, AND: [{ projectId: ctx.principal.projectId }] }),
  fields: (t) => ({
    data: t.expose('data', { type: 'JSON', description: 'Field name → value; absent fields have no value.' }),
    version: t.exposeInt('version', { description: '1 on insert, +1 on every change.' }),
    dataset: t.relation('dataset'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    createdBy: t.string({ resolve: (record) => actorId(record.createdBy) }),
    updatedBy: t.string({ resolve: (record) => actorId(record.updatedBy) }),
    versions: t.prismaConnection({
      type: 'DatasetRecordVersion',
      cursor: 'recordId_version',
      description: 'Every state the record had, oldest first.',
      totalCount: (record, _args, ctx) =>
        ctx.prisma.datasetRecordVersion.count({ where: { recordId: record.id, projectId: record.projectId } }),
      resolve: (query, record, _args, ctx) =>
        ctx.prisma.datasetRecordVersion.findMany({
          ...query,
          where: { recordId: record.id, projectId: record.projectId },
          orderBy: { version: 'asc' },
        }),
    }),
  }),
});

builder.prismaObjectFields(DatasetRef, (t) => ({
  records: t.relatedConnection('records', {
    cursor: 'id',
    totalCount: true,
    // Ids are UUIDv7: in id order is in insertion order, and the cursor is a keyset on the primary key.
    description: 'Current records in insertion order.',
    query: { orderBy: { id: 'asc' } },
  }),
  record: t.prismaField({
    type: DatasetRecordRef,
    nullable: true,
    description: 'A current record of this dataset by ID (null when it is not one).',
    args: { id: t.arg.globalID({ for: DatasetRecordRef, required: true }) },
    resolve: (query, dataset, args, ctx) =>
      ctx.prisma.datasetRecord.findFirst({ ...query, where: { id: args.id.id, datasetId: dataset.id } }),
  }),
  recordHistory: t.prismaConnection({
    type: 'DatasetRecordVersion',
    cursor: 'recordId_version',
    description: 'The versions of one record of this dataset, also after it was deleted.',
    args: { id: t.arg.globalID({ for: DatasetRecordRef, required: true }) },
    resolve: (query, dataset, args, ctx) =>
      ctx.prisma.datasetRecordVersion.findMany({
        ...query,
        where: { recordId: args.id.id, datasetId: dataset.id },
        orderBy: { version: 'asc' },
      }),
  }),
}));
