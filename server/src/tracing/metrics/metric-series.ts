import { Prisma } from '../../generated/prisma/client.js';
import type { RawQuery } from './raw-query.js';
import { BUCKET_ORIGIN, type TimeRange } from './time-range.js';
import type { TraceScope } from './trace-scope.js';

/**
 * APPLICATION and DEPLOYMENT group traces (one request = one trace); MODEL and SPAN_KIND group
 * spans, because a trace calls many models and kinds (one request = one call).
 */
export type MetricGroupBy = 'APPLICATION' | 'DEPLOYMENT' | 'MODEL' | 'SPAN_KIND';

export type MetricSeriesQuery = TimeRange &
  TraceScope & {
    bucketSeconds: number;
    groupBy?: MetricGroupBy | null;
    /** Only the groups with the most requests get a series. */
    seriesLimit: number;
  };

export type MetricPoint = {
  bucket: Date;
  requests: number;
  errors: number;
  /** Null where the bucket has no requests: no latency is not zero latency. */
  latencyP50Ms: number | null;
  latencyP90Ms: number | null;
  latencyP99Ms: number | null;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  sessions: number;
  users: number;
};

export type MetricSeries = {
  /** Raw group value: an application or deployment uuid, a model name, a span kind; '' ungrouped. */
  key: string;
  label: string;
  points: MetricPoint[];
};

type Row = Omit<MetricPoint, 'bucket'> & { key: string; label: string | null; bucket: Date };

const traceSource = (projectId: string, q: MetricSeriesQuery) => {
  const key =
    q.groupBy === 'APPLICATION'
      ? Prisma.sql`t."applicationId"::text`
      : q.groupBy === 'DEPLOYMENT'
        ? Prisma.sql`COALESCE(t."deploymentId"::text, '')`
        : Prisma.sql`''::text`;
  return Prisma.sql`
    SELECT t."startTime" AS at, ${key} AS key, t."durationMs" AS duration, t.status = 'ERROR' AS failed,
      t."inputTokens" AS input_tokens, t."outputTokens" AS output_tokens, t.cost,
      t."sessionId" AS session_id, t."userId" AS user_id
    FROM "Trace" t
    WHERE t."projectId" = ${projectId}::uuid
      AND t."startTime" >= ${q.from.toISOString()}::timestamptz AND t."startTime" < ${q.to.toISOString()}::timestamptz
      ${q.applicationId ? Prisma.sql`AND t."applicationId" = ${q.applicationId}::uuid` : Prisma.empty}
      ${q.deploymentId ? Prisma.sql`AND t."deploymentId" = ${q.deploymentId}::uuid` : Prisma.empty}`;
};

const spanSource = (projectId: string, q: MetricSeriesQuery) => {
  const key = q.groupBy === 'MODEL' ? Prisma.sql`s.model` : Prisma.sql`s.kind::text`;
  // Child spans rarely carry session.id / user.id themselves; their trace knows.
  return Prisma.sql`
    SELECT s."startTime" AS at, ${key} AS key, s."durationMs" AS duration, s.status = 'ERROR' AS failed,
      COALESCE(s."inputTokens", 0) AS input_tokens, COALESCE(s."outputTokens", 0) AS output_tokens, s.cost,
      COALESCE(s."sessionId", t."sessionId") AS session_id, COALESCE(s."userId", t."userId") AS user_id
    FROM "Span" s
    LEFT JOIN "Trace" t ON t."projectId" = s."projectId" AND t."traceId" = s."traceId"
    WHERE s."projectId" = ${projectId}::uuid
      AND s."startTime" >= ${q.from.toISOString()}::timestamptz AND s."startTime" < ${q.to.toISOString()}::timestamptz
      ${q.groupBy === 'MODEL' ? Prisma.sql`AND s.model IS NOT NULL` : Prisma.empty}
      ${q.applicationId ? Prisma.sql`AND s."applicationId" = ${q.applicationId}::uuid` : Prisma.empty}
      ${q.deploymentId ? Prisma.sql`AND s."deploymentId" = ${q.deploymentId}::uuid` : Prisma.empty}`;
};

const labelOf = (projectId: string, groupBy: MetricGroupBy | null | undefined) => {
  if (groupBy === 'APPLICATION') {
    return Prisma.sql`(SELECT a.name FROM "Application" a WHERE a."projectId" = ${projectId}::uuid AND a.id::text = k.key)`;
  }
  if (groupBy === 'DEPLOYMENT') {
    return Prisma.sql`(SELECT concat_ws(' ', a.name, NULLIF(d.version, ''), '(' || NULLIF(d.environment, '') || ')')
      FROM "Deployment" d JOIN "Application" a ON a.id = d."applicationId"
      WHERE d."projectId" = ${projectId}::uuid AND d.id::text = k.key)`;
  }
  return groupBy ? Prisma.sql`k.key` : Prisma.sql`'all'::text`;
};

/**
 * One time series per group, every bucket present (empty buckets are zero, so charts draw gaps
 * as zero rather than interpolating). One statement: aggregate per (group, bucket), keep the
 * busiest groups, then cross them with generate_series over the buckets.
 */
export const metricSeries = async (db: RawQuery, projectId: string, q: MetricSeriesQuery): Promise<MetricSeries[]> => {
  const grouped = Boolean(q.groupBy);
  const source = q.groupBy === 'MODEL' || q.groupBy === 'SPAN_KIND' ? spanSource(projectId, q) : traceSource(projectId, q);
  const interval = `${q.bucketSeconds} seconds`;
  const origin = BUCKET_ORIGIN.toISOString();
  const keys = grouped
    ? Prisma.sql`SELECT key, row_number() OVER (ORDER BY sum(requests) DESC, key) AS rank
        FROM agg GROUP BY key ORDER BY rank LIMIT ${q.seriesLimit}`
    : Prisma.sql`SELECT ''::text AS key, 1::bigint AS rank`;
  const rows = await db.$queryRaw<Row[]>`
    WITH src AS (${source}),
    agg AS (
      SELECT key, date_bin(${interval}::interval, at, ${origin}::timestamptz) AS bucket,
        count(*)::int AS requests,
        count(*) FILTER (WHERE failed)::int AS errors,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY duration) AS p50,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY duration) AS p90,
        percentile_cont(0.99) WITHIN GROUP (ORDER BY duration) AS p99,
        COALESCE(sum(input_tokens), 0)::float8 AS input_tokens,
        COALESCE(sum(output_tokens), 0)::float8 AS output_tokens,
        COALESCE(sum(cost), 0)::float8 AS cost,
        count(DISTINCT session_id)::int AS sessions,
        count(DISTINCT user_id)::int AS users
      FROM src GROUP BY 1, 2
    ),
    keys AS (${keys}),
    buckets AS (
      SELECT generate_series(
        date_bin(${interval}::interval, ${q.from.toISOString()}::timestamptz, ${origin}::timestamptz),
        ${q.to.toISOString()}::timestamptz - interval '1 microsecond',
        ${interval}::interval) AS bucket
    )
    SELECT k.key, ${labelOf(projectId, q.groupBy)} AS label, b.bucket,
      COALESCE(a.requests, 0) AS requests, COALESCE(a.errors, 0) AS errors,
      a.p50 AS "latencyP50Ms", a.p90 AS "latencyP90Ms", a.p99 AS "latencyP99Ms",
      COALESCE(a.input_tokens, 0) AS "inputTokens", COALESCE(a.output_tokens, 0) AS "outputTokens",
      COALESCE(a.cost, 0) AS cost, COALESCE(a.sessions, 0) AS sessions, COALESCE(a.users, 0) AS users
    FROM keys k CROSS JOIN buckets b LEFT JOIN agg a ON a.key = k.key AND a.bucket = b.bucket
    ORDER BY k.rank, b.bucket`;
  const series = new Map<string, MetricSeries>();
  for (const { key, label, ...point } of rows) {
    let entry = series.get(key);
    if (!entry) {
      entry = { key, label: label ?? 'unknown', points: [] };
      series.set(key, entry);
    }
    entry.points.push(point);
  }
  return [...series.values()];
};
