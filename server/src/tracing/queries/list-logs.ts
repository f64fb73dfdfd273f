import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import {
  fetchPage,
  type Keyset,
  type KeysetPosition,
  type Page,
  type PageRequest,
  type PositionedRow,
  positionColumns,
} from './keyset.js';
import { containsPattern } from './like-pattern.js';

/** Filters of the log list; all given ones must hold. Times are [from, to) on the record's timestamp. */
export type LogFilter = {
  applicationId?: string | null;
  traceId?: string | null;
  spanId?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** severityNumber at least this (OpenTelemetry: 9 INFO, 13 WARN, 17 ERROR, 21 FATAL). */
  minSeverity?: number | null;
  severityText?: string | null;
  eventName?: string | null;
  /** Contained in the body, case-insensitively. */
  text?: string | null;
};

export const logWhere = (projectId: string, filter: LogFilter): Prisma.Sql => {
  const parts = [Prisma.sql`l."projectId" = CAST(${projectId} AS uuid)`];
  const add = (part: Prisma.Sql) => parts.push(part);
  if (filter.applicationId) add(Prisma.sql`l."applicationId" = CAST(${filter.applicationId} AS uuid)`);
  if (filter.traceId) add(Prisma.sql`l."traceId" = ${filter.traceId}`);
  if (filter.spanId) add(Prisma.sql`l."spanId" = ${filter.spanId}`);
  if (filter.from) add(Prisma.sql`l."timestamp" >= ${filter.from}`);
  if (filter.to) add(Prisma.sql`l."timestamp" < ${filter.to}`);
  if (filter.minSeverity != null) add(Prisma.sql`l."severityNumber" >= ${filter.minSeverity}`);
  if (filter.severityText) add(Prisma.sql`l."severityText" = ${filter.severityText}`);
  if (filter.eventName) add(Prisma.sql`l."eventName" = ${filter.eventName}`);
  if (filter.text) add(Prisma.sql`l.body ILIKE ${containsPattern(filter.text)}`);
  return Prisma.join(parts, ' AND ');
};

/** Newest first: the order of the (projectId, timestamp desc) index. */
export const logKeyset: Keyset = {
  name: 'log:TIMESTAMP:DESC',
  key: Prisma.sql`l."timestamp"`,
  keyType: 'timestamptz',
  tiebreak: Prisma.sql`l.id`,
  tiebreakType: 'uuid',
  direction: 'DESC',
};

/** A trace's logs read in the order they happened, as a trace's detail shows them beside its spans. */
export const traceLogKeyset: Keyset = { ...logKeyset, name: 'log:TRACE:TIMESTAMP:ASC', direction: 'ASC' };

/** One page of log record ids, newest first; callers load the rows by id. */
export const listLogIds = (prisma: PrismaClient, projectId: string, filter: LogFilter, page: PageRequest) =>
  fetchPage<{ id: string }>(
    (after, orderBy, limit) =>
      prisma.$queryRaw<({ id: string } & PositionedRow)[]>`
        SELECT l.id::text AS id, ${positionColumns(logKeyset)}
        FROM "LogRecord" l
        WHERE ${logWhere(projectId, filter)} AND ${after}
        ${orderBy}
        LIMIT ${limit}`,
    logKeyset,
    page,
  );

export const countLogs = async (prisma: PrismaClient, projectId: string, filter: LogFilter) => {
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "LogRecord" l WHERE ${logWhere(projectId, filter)}`;
  return rows[0]?.count ?? 0;
};

// Stands for "no cursor" inside the batched query, so its arrays carry no NULLs: every stored
// timestamp is after -infinity.
const START: KeysetPosition = { key: '-infinity', tiebreak: '00000000-0000-0000-0000-000000000000' };

/**
 * One page of log record ids per trace, in time order, for many traces in one query: a page of
 * traces asking for their logs costs one statement, not one per trace. Each trace may have its
 * own position (a decoded `traceLogKeyset` cursor); every page has the same size.
 */
export const listLogIdsOfTraces = async (
  prisma: PrismaClient,
  projectId: string,
  requests: readonly { traceId: string; after: KeysetPosition | null }[],
  first: number,
): Promise<Page<{ id: string }>[]> => {
  const positions = requests.map((request) => request.after ?? START);
  const rows = await prisma.$queryRaw<({ n: number; id: string } & PositionedRow)[]>`
    SELECT k.n::int AS n, p.id, p."sortKey", p.tiebreak
    FROM unnest(CAST(${requests.map((r) => r.traceId)} AS text[]), CAST(${positions.map((p) => p.key)} AS text[]),
                CAST(${positions.map((p) => p.tiebreak)} AS text[])) WITH ORDINALITY AS k("traceId", "afterKey", "afterId", n)
    CROSS JOIN LATERAL (
      SELECT l.id::text AS id, ${positionColumns(traceLogKeyset)}
      FROM "LogRecord" l
      WHERE l."projectId" = CAST(${projectId} AS uuid) AND l."traceId" = k."traceId"
        AND (l."timestamp", l.id) > (CAST(k."afterKey" AS timestamptz), CAST(k."afterId" AS uuid))
      ORDER BY l."timestamp", l.id
      LIMIT ${first + 1}) p
    ORDER BY k.n, p."sortKey"::timestamptz, p.tiebreak::uuid`;
  const pages = requests.map(() => [] as ({ id: string } & PositionedRow)[]);
  for (const { n, ...row } of rows) pages[n - 1]?.push(row);
  return pages.map((page) => ({ rows: page.slice(0, first), hasNextPage: page.length > first }));
};

/** How many log records each trace has, in one grouped query. */
export const countLogsOfTraces = async (prisma: PrismaClient, projectId: string, traceIds: readonly string[]) => {
  const rows = await prisma.$queryRaw<{ traceId: string; count: number }[]>`
    SELECT l."traceId", count(*)::int AS count FROM "LogRecord" l
    WHERE l."projectId" = CAST(${projectId} AS uuid) AND l."traceId" = ANY(CAST(${[...traceIds]} AS text[]))
    GROUP BY l."traceId"`;
  const byTrace = new Map(rows.map((row) => [row.traceId, row.count]));
  return traceIds.map((traceId) => byTrace.get(traceId) ?? 0);
};
