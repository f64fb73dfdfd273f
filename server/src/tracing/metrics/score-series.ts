import { Prisma } from '../../generated/prisma/client.js';
import type { ScoreSource } from '../../generated/prisma/enums.js';
import type { MetricGroupBy } from './metric-series.js';
import type { RawQuery } from './raw-query.js';
import { BUCKET_ORIGIN, type TimeRange } from './time-range.js';
import type { TraceScope } from './trace-scope.js';

/** Which scores one score series aggregates; at least one of `name` and `evaluatorId` is set. */
export type ScoreSeriesRequest = {
  name?: string | null;
  evaluatorId?: string | null;
  /** The current score's source: a human correction of an LLM score is HUMAN. */
  source?: ScoreSource | null;
};

export type ScoreSeriesQuery = TimeRange &
  TraceScope & {
    bucketSeconds: number;
    groupBy?: MetricGroupBy | null;
    /** Only these group keys (the series the request metrics kept); null when ungrouped. */
    keys: string[] | null;
    requests: ScoreSeriesRequest[];
  };

/** One non-empty (group, request, score name, bucket) cell. */
export type ScoreCell = {
  key: string;
  request: number;
  name: string;
  bucket: Date;
  count: number;
  avg: number | null;
  min: number | null;
  max: number | null;
  p50: number | null;
  p90: number | null;
  labels: Record<string, number> | null;
};

const requestsSql = (requests: ScoreSeriesRequest[]) =>
  JSON.stringify(
    requests.map((r, i) => ({ idx: i, name: r.name ?? null, evaluator: r.evaluatorId ?? null, source: r.source ?? null })),
  );

/**
 * A score counts where its target counts in the request series: trace-grouped (and ungrouped)
 * series put every score of a trace or of one of its spans at the trace's start, under the
 * trace's application and deployment, so a score line sits on the same buckets as the requests
 * it judged, however late the evaluation ran. Span-grouped series (MODEL, SPAN_KIND) count only
 * scores of spans, at the span's start, under the span's model or kind.
 */
const scoreSource = (projectId: string, q: ScoreSeriesQuery) => {
  const onSpans = q.groupBy === 'MODEL' || q.groupBy === 'SPAN_KIND';
  const range = (alias: string) =>
    Prisma.sql`${Prisma.raw(alias)}."startTime" >= ${q.from.toISOString()}::timestamptz
      AND ${Prisma.raw(alias)}."startTime" < ${q.to.toISOString()}::timestamptz
      ${q.applicationId ? Prisma.sql`AND ${Prisma.raw(alias)}."applicationId" = ${q.applicationId}::uuid` : Prisma.empty}
      ${q.deploymentId ? Prisma.sql`AND ${Prisma.raw(alias)}."deploymentId" = ${q.deploymentId}::uuid` : Prisma.empty}`;
  const target = onSpans
    ? Prisma.sql`JOIN "Span" x ON x."projectId" = s."projectId" AND x."traceId" = s."traceId" AND x."spanId" = s."spanId"
        AND ${range('x')} ${q.groupBy === 'MODEL' ? Prisma.sql`AND x.model IS NOT NULL` : Prisma.empty}`
    : Prisma.sql`JOIN "Trace" x ON x."projectId" = s."projectId" AND x."traceId" = s."traceId" AND ${range('x')}`;
  const key =
    q.groupBy === 'APPLICATION'
      ? Prisma.sql`x."applicationId"::text`
      : q.groupBy === 'DEPLOYMENT'
        ? Prisma.sql`COALESCE(x."deploymentId"::text, '')`
        : q.groupBy === 'MODEL'
          ? Prisma.sql`x.model`
          : q.groupBy === 'SPAN_KIND'
            ? Prisma.sql`x.kind::text`
            : Prisma.sql`''::text`;
  return Prisma.sql`
    SELECT r.idx AS request, s.name, s.value, s.label, x."startTime" AS at, ${key} AS key
    FROM "Score" s
    JOIN jsonb_to_recordset(${requestsSql(q.requests)}::jsonb) AS r(idx int, name text, evaluator uuid, source text)
      ON (r.name IS NULL OR s.name = r.name)
      AND (r.evaluator IS NULL OR s."evaluatorId" = r.evaluator)
      AND (r.source IS NULL OR s.source::text = r.source)
    ${target}
    WHERE s."projectId" = ${projectId}::uuid AND s."supersededById" IS NULL AND s."traceId" IS NOT NULL
      ${onSpans ? Prisma.sql`AND s."spanId" IS NOT NULL` : Prisma.empty}`;
};

/**
 * Count, mean, extremes and percentiles of the numeric values, and counts per label, for every
 * (group, request, score name, bucket) that has scores; one statement. Superseded scores are
 * left out: only a correction counts once a human made one.
 */
export const scoreCells = async (db: RawQuery, projectId: string, q: ScoreSeriesQuery): Promise<ScoreCell[]> => {
  if (q.requests.length === 0 || (q.keys !== null && q.keys.length === 0)) return [];
  const interval = `${q.bucketSeconds} seconds`;
  const origin = BUCKET_ORIGIN.toISOString();
  return db.$queryRaw<ScoreCell[]>`
    WITH src AS (${scoreSource(projectId, q)}),
    binned AS (
      SELECT key, request, name, date_bin(${interval}::interval, at, ${origin}::timestamptz) AS bucket, value, label
      FROM src
      ${q.keys ? Prisma.sql`WHERE key = ANY(${q.keys}::text[])` : Prisma.empty}
    ),
    stats AS (
      SELECT key, request, name, bucket, count(*)::int AS count,
        avg(value)::float8 AS avg, min(value)::float8 AS min, max(value)::float8 AS max,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS p50,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY value) AS p90
      FROM binned GROUP BY 1, 2, 3, 4
    ),
    label_counts AS (
      SELECT key, request, name, bucket, jsonb_object_agg(label, n) AS labels
      FROM (SELECT key, request, name, bucket, label, count(*)::int AS n FROM binned WHERE label IS NOT NULL GROUP BY 1, 2, 3, 4, 5) l
      GROUP BY 1, 2, 3, 4
    )
    SELECT st.key, st.request, st.name, st.bucket, st.count, st.avg, st.min, st.max, st.p50, st.p90, lc.labels
    FROM stats st
    LEFT JOIN label_counts lc ON lc.key = st.key AND lc.request = st.request AND lc.name = st.name AND lc.bucket = st.bucket
    ORDER BY st.key, st.request, st.name, st.bucket`;
};
