import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { LogRecord } from '../../generated/prisma/client.js';
import type { KeysetPosition, Page } from '../../tracing/queries/keyset.js';
import { countLogsOfTraces, listLogIdsOfTraces } from '../../tracing/queries/list-logs.js';
import type { GraphQLContext } from '../context.js';

export type TraceLogsRequest = { traceId: string; first: number; after: KeysetPosition | null };
export type TraceLogsPage = { page: Page<{ id: string }>; rows: LogRecord[] };

/**
 * Per-request loaders of a trace's logs: a page of traces that each show their logs costs one
 * page query, one row load and (when asked for) one count, whatever the number of traces.
 */
export const logLoaders = createContextCache((ctx: GraphQLContext) => {
  const { projectId } = ctx.principal;
  const pagesOfTraces = new DataLoader<TraceLogsRequest, TraceLogsPage, string>(
    async (requests) => {
      // Sibling fields share their arguments, so a batch is almost always one page size.
      const sizes = [...new Set(requests.map((request) => request.first))];
      const pages = new Map<TraceLogsRequest, Page<{ id: string }>>();
      for (const first of sizes) {
        const group = requests.filter((request) => request.first === first);
        const groupPages = await listLogIdsOfTraces(ctx.prisma, projectId, group, first);
        group.forEach((request, index) => {
          const page = groupPages[index];
          if (page) pages.set(request, page);
        });
      }
      const ids = [...pages.values()].flatMap((page) => page.rows.map((row) => row.id));
      const rows = ids.length > 0 ? await ctx.prisma.logRecord.findMany({ where: { projectId, id: { in: ids } } }) : [];
      return requests.map((request) => ({ page: pages.get(request) ?? { rows: [], hasNextPage: false }, rows }));
    },
    { cacheKeyFn: (request) => JSON.stringify([request.traceId, request.first, request.after]) },
  );
  const countOfTrace = new DataLoader<string, number>((traceIds) => countLogsOfTraces(ctx.prisma, projectId, traceIds));
  return { pagesOfTraces, countOfTrace };
});
