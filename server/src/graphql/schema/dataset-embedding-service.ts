import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { ModelService } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { DatasetRef } from './dataset.js';
import { ModelServiceRef } from './model-service.js';

/** Per request: model services by id, of the caller's project only, one query for a page of datasets. */
const modelServiceLoader = createContextCache(
  (ctx: GraphQLContext) =>
    new DataLoader<string, ModelService | null>(async (ids) => {
      const services = await ctx.prisma.modelService.findMany({
        where: { id: { in: [...ids] }, projectId: ctx.principal.projectId },
      });
      const byId = new Map(services.map((service) => [service.id, service]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

builder.objectField(DatasetRef, 'embeddingService', (t) =>
  t.field({
    type: ModelServiceRef,
    nullable: true,
    description:
      "The EMBEDDING model service chosen for this dataset's `embedding` fields. Null: the project's only embedding " +
      'service is used (semantic search says what to configure when there is none, or several). Also null when the ' +
      'chosen service was deleted since; semantic search then says so.',
    resolve: (dataset, _args, ctx) =>
      dataset.embeddingServiceId ? modelServiceLoader(ctx).load(dataset.embeddingServiceId) : null,
  }),
);
