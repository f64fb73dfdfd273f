import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { DatasetRecord, Prisma } from '../../generated/prisma/client.js';
import type { GraphQLContext } from '../context.js';

type RecordQuery = Omit<Prisma.DatasetRecordFindManyArgs, 'where'>;

/**
 * Per request: dataset records by id, of the caller's project only, with what the GraphQL
 * selection beneath them needs (Pothos' `query`: included relations such as `dataset`). One
 * loader per distinct selection, so a page of search hits asking for `record { … }` costs one
 * query, however many hits there are.
 */
const loaders = createContextCache((_ctx: GraphQLContext) => new Map<string, DataLoader<string, DatasetRecord | null>>());

export const loadDatasetRecord = (ctx: GraphQLContext, query: RecordQuery, id: string) => {
  const key = JSON.stringify(query);
  const byQuery = loaders(ctx);
  let loader = byQuery.get(key);
  if (!loader) {
    loader = new DataLoader<string, DatasetRecord | null>(async (ids) => {
      const records = await ctx.prisma.datasetRecord.findMany({
        ...query,
        where: { id: { in: [...ids] }, projectId: ctx.principal.projectId },
      });
      const byId = new Map(records.map((record) => [record.id, record]));
      return ids.map((recordId) => byId.get(recordId) ?? null);
    });
    byQuery.set(key, loader);
  }
  return loader.load(id);
};
