import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { fetchPage, type Keyset, type PageRequest, type PositionedRow, positionColumns, type SortDirection } from './keyset.js';
import { type TraceFilter, traceWhere } from './trace-filter.js';

export type TraceSortField = 'START_TIME' | 'LATENCY' | 'TOKENS' | 'COST' | 'SCORE';

/** `scoreName` names the score a SCORE order sorts by (and only then is given). */
export type TraceOrder = { field: TraceSortField; direction: SortDirection; scoreName?: string | null };

const SORT_KEYS = {
  START_TIME: { key: Prisma.sql`t."startTime"`, keyType: 'timestamptz' },
  LATENCY: { key: Prisma.sql`t."durationMs"`, keyType: 'float8' },
  TOKENS: { key: Prisma.sql`t."totalTokens"`, keyType: 'int' },
  // Traces without a known cost sort as free rather than before or after everything.
  COST: { key: Prisma.sql`COALESCE(t.cost, 0)`, keyType: 'numeric' },
} as const;

// Traces without the score come last in both directions, so the key's stand-in flips with it.
const scoreKey = (direction: SortDirection) =>
  Prisma.sql`COALESCE(sv.value, CAST(${direction === 'DESC' ? '-Infinity' : 'Infinity'} AS float8))`;

export const traceKeyset = (order: TraceOrder): Keyset => ({
  // The score name is part of the order: a cursor of one score's order is refused by another's.
  name: order.field === 'SCORE' ? `trace:SCORE:${order.scoreName}:${order.direction}` : `trace:${order.field}:${order.direction}`,
  ...(order.field === 'SCORE' ? { key: scoreKey(order.direction), keyType: 'float8' as const } : SORT_KEYS[order.field]),
  tiebreak: Prisma.sql`t.id`,
  tiebreakType: 'uuid',
  direction: order.direction,
});

/**
 * A SCORE order's value per trace: the highest current value of that score on the trace or its
 * spans (the same scores a `scores` filter reads). One grouped scan of that score's rows, hashed
 * against the traces, rather than one lookup per trace.
 */
const orderJoin = (projectId: string, order: TraceOrder): Prisma.Sql =>
  order.field === 'SCORE'
    ? Prisma.sql`LEFT JOIN (
        SELECT s."traceId", max(s.value) AS value FROM "Score" s
        WHERE s."projectId" = CAST(${projectId} AS uuid) AND s.name = ${order.scoreName ?? ''}
          AND s."supersededById" IS NULL AND s."traceId" IS NOT NULL AND s.value IS NOT NULL
        GROUP BY s."traceId") sv ON sv."traceId" = t."traceId"`
    : Prisma.empty;

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
        FROM "Trace" t ${orderJoin(projectId, order)}
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
