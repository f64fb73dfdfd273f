import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { SpanKind, SpanStatus } from '../../generated/prisma/enums.js';
import { fetchPage, type Keyset, type PageRequest, type PositionedRow, positionColumns } from './keyset.js';
import { modelNameMatches } from './model-name-match.js';

/** Filters of the span list; all given ones must hold. Times are [from, to) on the span start. */
export type SpanFilter = {
  /** Any of these kinds. */
  kinds?: SpanKind[] | null;
  /** The model that answered or the one requested: this name or a dated snapshot of it. */
  model?: string | null;
  toolName?: string | null;
  status?: SpanStatus | null;
  applicationId?: string | null;
  traceId?: string | null;
  from?: Date | null;
  to?: Date | null;
};

export const spanWhere = (projectId: string, filter: SpanFilter): Prisma.Sql => {
  const parts = [Prisma.sql`s."projectId" = CAST(${projectId} AS uuid)`];
  // Through text[]: the driver adapters send a string array as text[], which casts straight to an enum array.
  if (filter.kinds?.length) parts.push(Prisma.sql`s.kind = ANY(CAST(CAST(${filter.kinds} AS text[]) AS "SpanKind"[]))`);
  if (filter.model) {
    parts.push(
      Prisma.sql`(${modelNameMatches(Prisma.sql`s.model`, filter.model)} OR ${modelNameMatches(Prisma.sql`s."requestModel"`, filter.model)})`,
    );
  }
  if (filter.toolName) parts.push(Prisma.sql`s."toolName" = ${filter.toolName}`);
  if (filter.status) parts.push(Prisma.sql`s.status = CAST(${filter.status} AS "SpanStatus")`);
  if (filter.applicationId) parts.push(Prisma.sql`s."applicationId" = CAST(${filter.applicationId} AS uuid)`);
  if (filter.traceId) parts.push(Prisma.sql`s."traceId" = ${filter.traceId}`);
  if (filter.from) parts.push(Prisma.sql`s."startTime" >= ${filter.from}`);
  if (filter.to) parts.push(Prisma.sql`s."startTime" < ${filter.to}`);
  return Prisma.join(parts, ' AND ');
};

/** Newest first: the order of the (projectId[, kind | applicationId], startTime desc) indexes. */
export const spanKeyset: Keyset = {
  name: 'span:START_TIME:DESC',
  key: Prisma.sql`s."startTime"`,
  keyType: 'timestamptz',
  tiebreak: Prisma.sql`s.id`,
  tiebreakType: 'uuid',
  direction: 'DESC',
};

/** One page of span ids, newest first; callers load the rows by id. */
export const listSpanIds = (prisma: PrismaClient, projectId: string, filter: SpanFilter, page: PageRequest) =>
  fetchPage<{ id: string }>(
    (after, orderBy, limit) =>
      prisma.$queryRaw<({ id: string } & PositionedRow)[]>`
        SELECT s.id::text AS id, ${positionColumns(spanKeyset)}
        FROM "Span" s
        WHERE ${spanWhere(projectId, filter)} AND ${after}
        ${orderBy}
        LIMIT ${limit}`,
    spanKeyset,
    page,
  );

export const countSpans = async (prisma: PrismaClient, projectId: string, filter: SpanFilter) => {
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "Span" s WHERE ${spanWhere(projectId, filter)}`;
  return rows[0]?.count ?? 0;
};
