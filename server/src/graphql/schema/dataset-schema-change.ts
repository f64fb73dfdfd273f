import { actorOf } from '../../auth/principal.js';
import {
  changeDatasetSchema,
  type SchemaBreakage,
  SchemaChangeBreaksRecordsError,
  type SchemaChangeReport,
} from '../../datasets/schema-change.js';
import type { Dataset } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { DatasetFieldInputRef, DatasetRef } from './dataset.js';
import { ErrorInterface, mutationErrors } from './errors.js';

const SchemaBreakageRef = builder.objectRef<SchemaBreakage>('DatasetSchemaBreakage').implement({
  description: 'One value of an existing record that a schema change would break.',
  fields: (t) => ({
    recordId: t.id({
      description: 'Global ID of the DatasetRecord.',
      resolve: (breakage) => encodeGlobalId('DatasetRecord', breakage.recordId),
    }),
    field: t.exposeString('field'),
    reason: t.exposeString('reason'),
  }),
});

builder.objectType(SchemaChangeBreaksRecordsError, {
  name: 'SchemaChangeBreaksRecordsError',
  description:
    'Existing records would not survive the schema change (code CONFLICT). Nothing was changed; fix the records, ' +
    'or set `dropValues` to drop values that no longer fit.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof SchemaChangeBreaksRecordsError,
  fields: (t) => ({
    breakingRecords: t.field({
      type: [SchemaBreakageRef],
      description: 'The first 100 by record id.',
      resolve: (error) => error.breakages,
    }),
    breakingCount: t.exposeInt('breakingCount', { description: 'All breaking values.' }),
  }),
});

const SchemaChangePayload = builder
  .objectRef<SchemaChangeReport & { dataset: Dataset; dryRun: boolean }>('ChangeDatasetSchemaPayload')
  .implement({
    fields: (t) => ({
      dataset: t.field({ type: DatasetRef, resolve: (payload) => payload.dataset, description: 'As it is now.' }),
      dryRun: t.exposeBoolean('dryRun'),
      applied: t.exposeBoolean('applied', { description: 'False for a dry run.' }),
      addedFields: t.exposeStringList('added'),
      removedFields: t.exposeStringList('removed'),
      changedFields: t.exposeStringList('changed', { description: 'Type, required flag or options changed.' }),
      breakingRecords: t.field({
        type: [SchemaBreakageRef],
        description: 'What would break (a dry run reports; applying refuses with SchemaChangeBreaksRecordsError). First 100.',
        resolve: (payload) => payload.breakages,
      }),
      breakingCount: t.exposeInt('breakingCount'),
      droppedValueCount: t.exposeInt('droppedValueCount', {
        description: 'Values dropped (or that would be) because `dropValues` was set; history keeps them.',
      }),
      changedRecordCount: t.exposeInt('changedRecordCount', { description: 'Records given a new version by dropping values.' }),
      reindex: t.exposeBoolean('reindex', { description: 'Whether the search index is rebuilt (search-relevant change).' }),
    }),
  });

const ChangeDatasetSchemaInput = builder.inputType('ChangeDatasetSchemaInput', {
  description:
    'The complete new field list; fields are matched by name (renaming is removing one and adding another). ' +
    'Existing records are checked against it.',
  fields: (t) => ({
    id: t.globalID({ for: DatasetRef, required: true }),
    fields: t.field({ type: [DatasetFieldInputRef], required: true }),
    dryRun: t.boolean({ required: false, description: 'Only report what would change and break.' }),
    dropValues: t.boolean({
      required: false,
      description:
        "Drop values that no longer fit (removed fields' values, values of the wrong type) instead of refusing. " +
        'Missing values of newly required fields still break.',
    }),
  }),
});

builder.mutationField('changeDatasetSchema', (t) =>
  t.field({
    type: SchemaChangePayload,
    authScopes: { member: true },
    errors: { types: [SchemaChangeBreaksRecordsError, ...mutationErrors] },
    description: 'Adds, removes or changes fields; applies only when no existing record breaks (see `dryRun`, `dropValues`).',
    args: { input: t.arg({ type: ChangeDatasetSchemaInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const report = await changeDatasetSchema(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        id: input.id.id,
        fields: input.fields,
        dryRun: input.dryRun,
        dropValues: input.dropValues,
      });
      const dataset = await ctx.prisma.dataset.findUniqueOrThrow({ where: { id: report.datasetId } });
      return { ...report, dataset, dryRun: input.dryRun ?? false };
    },
  }),
);
