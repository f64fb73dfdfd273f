import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { fetchPage, type Keyset, type PageRequest, type PositionedRow, positionColumns } from './keyset.js';
import { type TraceFilter, traceWhere } from './trace-filter.js';

/** Sessions and end users are not stored: they are the traces grouped by one of these columns. */
export type TraceGrouping = 'sessionId' | 'userId';

/** One session or end user, summed over its matching traces. Token sums are Float: they outgrow 32 bits. */
export type TraceGroup = {
  key: string;
  traceCount: number;
  sessionCount: number;
  userIds: string[];
  errorCount: number;
  firstSeen: Date;
  lastSeen: Date;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cost: number;
};

export const traceGroupKeyset = (grouping: TraceGrouping): Keyset => ({
  name: `${grouping}:LAST_SEEN:DESC`,
  key: Prisma.sql`g."lastSeen"`,
  keyType: 'timestamptz',
  tiebreak: Prisma.sql`g.key`,
  tiebreakType: 'text',
  direction: 'DESC',
});

// Only the two fixed column names above are ever spliced in.
const column = (grouping: TraceGrouping) => Prisma.raw(grouping === 'sessionId' ? 't."sessionId"' : 't."userId"');

const grouped = (grouping: TraceGrouping, projectId: string, filter: TraceFilter) => Prisma.sql`
  SELECT ${column(grouping)} AS key,
    count(*)::int AS "traceCount",
    count(DISTINCT t."sessionId")::int AS "sessionCount",
    COALESCE(array_agg(DISTINCT t."userId") FILTER (WHERE t."userId" IS NOT NULL), '{}') AS "userIds",
    count(*) FILTER (WHERE t.status = 'ERROR')::int AS "errorCount",
    min(t."startTime") AS "firstSeen",
    max(t."endTime") AS "lastSeen",
    sum(t."inputTokens")::float8 AS "inputTokens",
    sum(t."outputTokens")::float8 AS "outputTokens",
    sum(t."totalTokens")::float8 AS "totalTokens",
    COALESCE(sum(t.cost), 0)::float8 AS cost
  FROM "Trace" t
  WHERE ${traceWhere(projectId, filter)} AND ${column(grouping)} IS NOT NULL
  GROUP BY ${column(grouping)}`;

/** One page of sessions or end users over the filtered traces, most recently seen first. */
export const listTraceGroups = (
  prisma: PrismaClient,
  grouping: TraceGrouping,
  projectId: string,
  filter: TraceFilter,
  page: PageRequest,
) => {
  const keyset = traceGroupKeyset(grouping);
  return fetchPage<TraceGroup>(
    (after, orderBy, limit) =>
      prisma.$queryRaw<(TraceGroup & PositionedRow)[]>`
        SELECT g.*, ${positionColumns(keyset)}
        FROM (${grouped(grouping, projectId, filter)}) g
        WHERE ${after}
        ${orderBy}
        LIMIT ${limit}`,
    keyset,
    page,
  );
};

export const countTraceGroups = async (prisma: PrismaClient, grouping: TraceGrouping, projectId: string, filter: TraceFilter) => {
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(DISTINCT ${column(grouping)})::int AS count FROM "Trace" t WHERE ${traceWhere(projectId, filter)}`;
  return rows[0]?.count ?? 0;
};

/** The traces of the given sessions in one query, in start order: a session's turns. */
export const loadSessionTurns = (prisma: PrismaClient, projectId: string, sessionIds: readonly string[]) =>
  prisma.trace.findMany({
    where: { projectId, sessionId: { in: [...sessionIds] } },
    orderBy: [{ startTime: 'asc' }, { id: 'asc' }],
  });
