import { actorOf } from '../../auth/principal.js';
import { createDataset, deleteDataset, updateDataset } from '../../datasets/datasets.js';
import type { Dataset } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { encodeGlobalId } from '../global-id.js';
import { DatasetFieldInputRef, DatasetRef } from './dataset.js';
import { mutationErrors } from './errors.js';

export const DatasetPayload = builder.objectRef<{ dataset: Dataset }>('DatasetPayload').implement({
  fields: (t) => ({ dataset: t.field({ type: DatasetRef, resolve: (payload) => payload.dataset }) }),
});

/** Reads the dataset back after the SQL transaction committed (Prisma cannot join a raw SQL transaction). */
export const datasetPayload = async (ctx: GraphQLContext, id: string) => ({
  dataset: await ctx.prisma.dataset.findUniqueOrThrow({ where: { id } }),
});

const CreateDatasetInput = builder.inputType('CreateDatasetInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique in the project.' }),
    description: t.string({ required: false }),
    fields: t.field({ type: [DatasetFieldInputRef], required: true }),
  }),
});

builder.mutationField('createDataset', (t) =>
  t.field({
    type: DatasetPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'A new, empty dataset with typed fields.',
    args: { input: t.arg({ type: CreateDatasetInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { id } = await createDataset(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), input);
      return datasetPayload(ctx, id);
    },
  }),
);

const UpdateDatasetInput = builder.inputType('UpdateDatasetInput', {
  description: 'Absent fields stay as they are; an empty description clears it. Fields change with `changeDatasetSchema`.',
  fields: (t) => ({
    id: t.globalID({ for: DatasetRef, required: true }),
    name: t.string({ required: false }),
    description: t.string({ required: false }),
  }),
});

builder.mutationField('updateDataset', (t) =>
  t.field({
    type: DatasetPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Renames or re-describes a dataset.',
    args: { input: t.arg({ type: UpdateDatasetInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { id } = await updateDataset(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        id: input.id.id,
        name: input.name,
        description: input.description,
      });
      return datasetPayload(ctx, id);
    },
  }),
);

const DeleteDatasetInput = builder.inputType('DeleteDatasetInput', {
  fields: (t) => ({ id: t.globalID({ for: DatasetRef, required: true }) }),
});

const DeleteDatasetPayload = builder.objectRef<{ deletedDatasetId: string }>('DeleteDatasetPayload').implement({
  fields: (t) => ({ deletedDatasetId: t.exposeID('deletedDatasetId') }),
});

builder.mutationField('deleteDataset', (t) =>
  t.field({
    type: DeleteDatasetPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Deletes the dataset with its records, their history and its snapshots; its search index is dropped.',
    args: { input: t.arg({ type: DeleteDatasetInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { id } = await deleteDataset(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), input.id.id);
      return { deletedDatasetId: encodeGlobalId('Dataset', id) };
    },
  }),
);
