import { Prisma } from '../../generated/prisma/client.js';
import type { SpanKind } from '../../generated/prisma/enums.js';
import type { RawQuery } from '../metrics/raw-query.js';
import type { TimeRange } from '../metrics/time-range.js';

export type ErrorGroup = {
  errorType: string;
  message: string;
  count: number;
  traceCount: number;
  firstSeen: Date;
  lastSeen: Date;
  /** The most recent occurrence's OpenTelemetry trace id and its Trace row id. */
  sampleTraceId: string;
  sampleTraceRowId: string | null;
  spanKinds: SpanKind[];
};

/**
 * Failed spans grouped by what failed. The type comes from the first `exception` event's
 * `exception.type` (what OpenTelemetry's recordException writes), else from the span's
 * `error.type` attribute (what the OpenTelemetry semantic conventions, GenAI's among them, set on
 * a failed operation that recorded no exception), else from the first line of the status message;
 * the message is the first line only, because stack traces would split groups.
 */
export const errorGroups = (
  db: RawQuery,
  projectId: string,
  q: TimeRange & { limit: number; applicationId?: string | null },
): Promise<ErrorGroup[]> =>
  db.$queryRaw<ErrorGroup[]>`
  WITH failed AS (
    SELECT s."traceId", s."startTime", s.kind,
      left(COALESCE(NULLIF(ex.type, ''), NULLIF(s.attributes ->> 'error.type', ''),
        NULLIF(split_part(s."statusMessage", E'\n', 1), ''), 'unknown'), 300) AS error_type,
      left(COALESCE(NULLIF(split_part(ex.message, E'\n', 1), ''), NULLIF(split_part(s."statusMessage", E'\n', 1), ''), ''), 500)
        AS message
    FROM "Span" s
    LEFT JOIN LATERAL (
      SELECT e -> 'attributes' ->> 'exception.type' AS type, e -> 'attributes' ->> 'exception.message' AS message
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.events) = 'array' THEN s.events ELSE '[]'::jsonb END) AS e
      WHERE e ->> 'name' = 'exception'
      LIMIT 1
    ) ex ON true
    WHERE s."projectId" = ${projectId}::uuid AND s.status = 'ERROR'
      AND s."startTime" >= ${q.from.toISOString()}::timestamptz AND s."startTime" < ${q.to.toISOString()}::timestamptz
      ${q.applicationId ? Prisma.sql`AND s."applicationId" = ${q.applicationId}::uuid` : Prisma.empty}
  ),
  groups AS (
    SELECT error_type, message, count(*)::int AS count, count(DISTINCT "traceId")::int AS "traceCount",
      min("startTime") AS "firstSeen", max("startTime") AS "lastSeen",
      (array_agg("traceId" ORDER BY "startTime" DESC))[1] AS "sampleTraceId",
      array_agg(DISTINCT kind::text) AS "spanKinds"
    FROM failed GROUP BY error_type, message
    ORDER BY count DESC, "lastSeen" DESC, error_type, message
    LIMIT ${q.limit}
  )
  SELECT g.error_type AS "errorType", g.message, g.count, g."traceCount", g."firstSeen", g."lastSeen", g."sampleTraceId",
    t.id::text AS "sampleTraceRowId", g."spanKinds"
  FROM groups g LEFT JOIN "Trace" t ON t."projectId" = ${projectId}::uuid AND t."traceId" = g."sampleTraceId"
  ORDER BY g.count DESC, g."lastSeen" DESC, g.error_type, g.message`;
