import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { fetchPage, type Keyset, type PageRequest, type PositionedRow, positionColumns, type SortDirection } from './keyset.js';
import { type TraceFilter, traceWhere } from './trace-filter.js';

export type TraceSortField = 'START_TIME' | 'LATENCY' | 'TOKENS' | 'COST';

export type TraceOrder = { field: TraceSortField; direction: SortDirection };

const SORT_KEYS = {
  START_TIME: { key: Prisma.sql`t."startTime"`, keyType: 'timestamptz' },
  LATENCY: { key: Prisma.sql`t."durationMs"`, keyType: 'float8' },
  TOKENS: { key: Prisma.sql`t."totalTokens"`, keyType: 'int' },
  // Traces without a known cost sort as free rather than before or after everything.
  COST: { key: Prisma.sql`COALESCE(t.cost, 0)`, keyType: 'numeric' },
} as const;

export const traceKeyset = (order: TraceOrder): Keyset => ({
  name: `trace:${order.field}:${order.direction}`,
  ...SORT_KEYS[order.field],
  tiebreak: Prisma.sql`t.id`,
  tiebreakType: 'uuid',
  direction: order.direction,
});

/**
 * One page of trace ids in the requested order, with their cursors' positions. Callers load the
 * rows themselves (one more indexed query), so this stays a narrow, index-friendly scan.
 */
export const listTraceIds = (
  prisma: PrismaClient,
  projectId: string,
  filter: TraceFilter,
  order: TraceOrder,
  page: PageRequest,
) => {
  const keyset = traceKeyset(order);
  return fetchPage<{ id: string }>(
    (after, orderBy, limit) =>
      prisma.$queryRaw<({ id: string } & PositionedRow)[]>`
        SELECT t.id::text AS id, ${positionColumns(keyset)}
        FROM "Trace" t
        WHERE ${traceWhere(projectId, filter)} AND ${after}
        ${orderBy}
        LIMIT ${limit}`,
    keyset,
    page,
  );
};

export const countTraces = async (prisma: PrismaClient, projectId: string, filter: TraceFilter) => {
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "Trace" t WHERE ${traceWhere(projectId, filter)}`;
  return rows[0]?.count ?? 0;
};
