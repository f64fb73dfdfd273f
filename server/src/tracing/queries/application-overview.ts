import type { PrismaClient } from '../../generated/prisma/client.js';

/** What an application did over a time range. Token sums are Float: they outgrow 32 bits. */
export type ApplicationOverview = {
  applicationId: string;
  /** Traces whose root span belongs to the application. */
  requests: number;
  errors: number;
  /** Trace latency percentiles in ms; null without traces. */
  latencyP50: number | null;
  latencyP90: number | null;
  latencyP99: number | null;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cost: number;
  sessions: number;
  users: number;
  /** Distinct traces the application took part in (a downstream service too, not only the root). */
  traces: number;
  spans: number;
  /** LLM spans of the application. */
  modelCalls: number;
};

/**
 * Overviews of several applications for one time range ([from, to) on start times) in one
 * statement: two grouped scans over the (projectId, applicationId, startTime) indexes.
 */
export const applicationOverviews = (
  prisma: PrismaClient,
  projectId: string,
  applicationIds: readonly string[],
  range: { from: Date; to: Date },
): Promise<ApplicationOverview[]> => prisma.$queryRaw<ApplicationOverview[]>`
  WITH apps AS (SELECT DISTINCT unnest(CAST(${applicationIds} AS uuid[])) AS id),
  trace_stats AS (
    SELECT t."applicationId" AS id,
      count(*)::int AS requests,
      count(*) FILTER (WHERE t.status = 'ERROR')::int AS errors,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY t."durationMs") AS p50,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY t."durationMs") AS p90,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY t."durationMs") AS p99,
      sum(t."inputTokens")::float8 AS "inputTokens",
      sum(t."outputTokens")::float8 AS "outputTokens",
      sum(t."totalTokens")::float8 AS "totalTokens",
      sum(t.cost)::float8 AS cost,
      count(DISTINCT t."sessionId")::int AS sessions,
      count(DISTINCT t."userId")::int AS users
    FROM "Trace" t
    WHERE t."projectId" = CAST(${projectId} AS uuid) AND t."applicationId" IN (SELECT id FROM apps)
      AND t."startTime" >= ${range.from} AND t."startTime" < ${range.to}
    GROUP BY t."applicationId"),
  span_stats AS (
    SELECT s."applicationId" AS id,
      count(DISTINCT s."traceId")::int AS traces,
      count(*)::int AS spans,
      count(*) FILTER (WHERE s.kind = 'LLM')::int AS "modelCalls"
    FROM "Span" s
    WHERE s."projectId" = CAST(${projectId} AS uuid) AND s."applicationId" IN (SELECT id FROM apps)
      AND s."startTime" >= ${range.from} AND s."startTime" < ${range.to}
    GROUP BY s."applicationId")
  SELECT apps.id::text AS "applicationId",
    COALESCE(ts.requests, 0) AS requests, COALESCE(ts.errors, 0) AS errors,
    ts.p50 AS "latencyP50", ts.p90 AS "latencyP90", ts.p99 AS "latencyP99",
    COALESCE(ts."inputTokens", 0) AS "inputTokens", COALESCE(ts."outputTokens", 0) AS "outputTokens",
    COALESCE(ts."totalTokens", 0) AS "totalTokens", COALESCE(ts.cost, 0) AS cost,
    COALESCE(ts.sessions, 0) AS sessions, COALESCE(ts.users, 0) AS users,
    COALESCE(ss.traces, 0) AS traces, COALESCE(ss.spans, 0) AS spans, COALESCE(ss."modelCalls", 0) AS "modelCalls"
  FROM apps LEFT JOIN trace_stats ts ON ts.id = apps.id LEFT JOIN span_stats ss ON ss.id = apps.id`;
