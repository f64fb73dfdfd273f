import { actorOf } from '../../auth/principal.js';
import { createDataset, deleteDataset, updateDataset } from '../../datasets/datasets.js';
import type { Dataset } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { encodeGlobalId } from '../global-id.js';
import { DatasetFieldInputRef, DatasetRef } from './dataset.js';
import { mutationErrors } from './errors.js';
import { ModelServiceRef } from './model-service.js';

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
    embeddingServiceId: t.globalID({
      for: ModelServiceRef,
      required: false,
      description: "A model service of kind EMBEDDING for the `embedding` fields; default: the project's only one.",
    }),
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
      const { id } = await createDataset(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        ...input,
        embeddingServiceId: input.embeddingServiceId?.id ?? null,
      });
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
    embeddingServiceId: t.globalID({
      for: ModelServiceRef,
      required: false,
      description:
        "Another EMBEDDING model service (its index is rebuilt with the new vectors); null: back to the project's only one.",
    }),
  }),
});

builder.mutationField('updateDataset', (t) =>
  t.field({
    type: DatasetPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Renames or re-describes a dataset, or changes its embedding model service.',
    args: { input: t.arg({ type: UpdateDatasetInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { id } = await updateDataset(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        id: input.id.id,
        name: input.name,
        description: input.description,
        // Absent keeps the choice; an explicit null clears it.
        embeddingServiceId: input.embeddingServiceId === undefined ? undefined : (input.embeddingServiceId?.id ?? null),
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
