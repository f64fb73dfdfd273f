import type { PrismaClient } from '../../generated/prisma/client.js';

/** One score name's current scores about an application's traces over a range. */
export type ScoreSummary = {
  applicationId: string;
  name: string;
  count: number;
  /** Of the numeric values; null when all are labels. */
  avg: number | null;
  /** The most recently written of them. */
  lastValue: number | null;
  lastLabel: string | null;
  lastAt: Date;
};

/**
 * Per application and score name, over the traces the application started in [from, to): the
 * same rule as the metrics score series (a score belongs to its trace, a span's score too), so the
 * overview and the chart agree. Current scores only; one statement for a page of applications.
 */
export const applicationScoreSummaries = (
  prisma: PrismaClient,
  projectId: string,
  applicationIds: readonly string[],
  range: { from: Date; to: Date },
): Promise<ScoreSummary[]> => prisma.$queryRaw<ScoreSummary[]>`
  SELECT t."applicationId"::text AS "applicationId", s.name, count(*)::int AS count, avg(s.value)::float8 AS avg,
    (array_agg(s.value ORDER BY s."createdAt" DESC, s.id DESC))[1] AS "lastValue",
    (array_agg(s.label ORDER BY s."createdAt" DESC, s.id DESC))[1] AS "lastLabel",
    max(s."createdAt") AS "lastAt"
  FROM "Trace" t
  JOIN "Score" s ON s."projectId" = t."projectId" AND s."traceId" = t."traceId" AND s."supersededById" IS NULL
  WHERE t."projectId" = CAST(${projectId} AS uuid) AND t."applicationId" = ANY(CAST(${applicationIds} AS uuid[]))
    AND t."startTime" >= ${range.from} AND t."startTime" < ${range.to}
  GROUP BY t."applicationId", s.name
  ORDER BY t."applicationId", s.name`;
