import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { ModelService } from '../../generated/prisma/client.js';
import type { GraphQLContext } from '../context.js';

/**
 * Per request: model services by id, of the caller's project only (a foreign id loads null). Every
 * field that points at a service shares it, so a page of evaluators with their judge and
 * embeddings services is one query, not one or two per evaluator.
 */
export const modelServiceLoader = createContextCache(
  (ctx: GraphQLContext) =>
    new DataLoader<string, ModelService | null>(async (ids) => {
      const services = await ctx.prisma.modelService.findMany({
        where: { id: { in: [...ids] }, projectId: ctx.principal.projectId },
      });
      const byId = new Map(services.map((service) => [service.id, service]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);
