import { preparedStatement, type SqlSession } from '../db/sql-client.js';

// The root span (no parent) speaks for the trace; while it has not arrived, the earliest span does.
// Span ids break ties, so the result never depends on the plan (summarizeBatchTraces relies on it).
const ROOT_FIRST = `ORDER BY (s."parentSpanId" IS NOT NULL), s."startTime", s."spanId"`;

/**
 * The largest value of the Trace row's 32-bit token columns: a trace's sums stop there rather than
 * fail its whole batch (each span's counts are at most a billion, but a trace adds up many spans).
 */
export const MAX_INT = 2_147_483_647;

/**
 * A Trace row replacing what was there: shared by the full refresh and the batch summary
 * (summarize-batch-traces.ts), so a column added to one cannot be missed in the other.
 */
export const UPSERT_TRACE_SUMMARY = `ON CONFLICT ("projectId", "traceId") DO UPDATE SET
  "applicationId" = EXCLUDED."applicationId", "deploymentId" = EXCLUDED."deploymentId", "name" = EXCLUDED."name",
  "startTime" = EXCLUDED."startTime", "endTime" = EXCLUDED."endTime", "durationMs" = EXCLUDED."durationMs",
  "status" = EXCLUDED."status", "sessionId" = EXCLUDED."sessionId", "userId" = EXCLUDED."userId",
  "input" = EXCLUDED."input", "output" = EXCLUDED."output", "inputTokens" = EXCLUDED."inputTokens",
  "outputTokens" = EXCLUDED."outputTokens", "totalTokens" = EXCLUDED."totalTokens", "cost" = EXCLUDED."cost",
  "spanCount" = EXCLUDED."spanCount", "errorCount" = EXCLUDED."errorCount", "tags" = EXCLUDED."tags",
  "metadata" = EXCLUDED."metadata", "models" = EXCLUDED."models", "updatedAt" = EXCLUDED."updatedAt"`;

/**
 * Recomputes the trace rows of the given trace ids from all their spans, so spans of one trace
 * arriving in several exports (or out of order) always leave a correct summary. Run it through
 * `refreshTraces` unless nothing else can write those traces at the same time.
 */
export const REFRESH_TRACES = `
INSERT INTO "Trace" ("projectId", "traceId", "applicationId", "deploymentId", "name", "startTime", "endTime",
  "durationMs", "status", "sessionId", "userId", "input", "output", "inputTokens", "outputTokens", "totalTokens",
  "cost", "spanCount", "errorCount", "tags", "metadata", "models", "updatedAt")
SELECT s."projectId", s."traceId",
  (array_agg(s."applicationId" ${ROOT_FIRST}))[1],
  (array_agg(s."deploymentId" ${ROOT_FIRST}))[1],
  (array_agg(s."name" ${ROOT_FIRST}))[1],
  min(s."startTime"), max(s."endTime"),
  EXTRACT(EPOCH FROM (max(s."endTime") - min(s."startTime"))) * 1000,
  CASE WHEN bool_or(s.status = 'ERROR') THEN 'ERROR'::"SpanStatus"
       WHEN bool_or(s.status = 'OK') THEN 'OK'::"SpanStatus" ELSE 'UNSET'::"SpanStatus" END,
  (array_agg(s."sessionId" ${ROOT_FIRST}) FILTER (WHERE s."sessionId" IS NOT NULL))[1],
  (array_agg(s."userId" ${ROOT_FIRST}) FILTER (WHERE s."userId" IS NOT NULL))[1],
  (array_agg(s."input" ${ROOT_FIRST}) FILTER (WHERE s."input" IS NOT NULL))[1],
  (array_agg(s."output" ${ROOT_FIRST}) FILTER (WHERE s."output" IS NOT NULL))[1],
  -- Model calls carry the usage; wrapping chains and agents often repeat it, so only they count.
  LEAST(COALESCE(sum(s."inputTokens") FILTER (WHERE s.kind IN ('LLM', 'EMBEDDING')), 0), ${MAX_INT}),
  LEAST(COALESCE(sum(s."outputTokens") FILTER (WHERE s.kind IN ('LLM', 'EMBEDDING')), 0), ${MAX_INT}),
  LEAST(COALESCE(sum(COALESCE(s."totalTokens", COALESCE(s."inputTokens", 0) + COALESCE(s."outputTokens", 0)))
    FILTER (WHERE s.kind IN ('LLM', 'EMBEDDING')), 0), ${MAX_INT}),
  sum(s."cost"),
  count(*), count(*) FILTER (WHERE s.status = 'ERROR'),
  COALESCE((SELECT array_agg(DISTINCT t ORDER BY t) FROM "Span" x, unnest(x.tags) AS t
            WHERE x."projectId" = s."projectId" AND x."traceId" = s."traceId"), '{}'),
  -- A key several spans set takes the value of the last of them by span id.
  COALESCE((SELECT jsonb_object_agg(e.key, e.value ORDER BY x."spanId") FROM "Span" x, jsonb_each(x.metadata) AS e
            WHERE x."projectId" = s."projectId" AND x."traceId" = s."traceId"), '{}'::jsonb),
  COALESCE(array_agg(DISTINCT s.model) FILTER (WHERE s.model IS NOT NULL), '{}'),
  now()
FROM "Span" s
WHERE s."projectId" = $1 AND s."traceId" = ANY($2::text[])
GROUP BY s."projectId", s."traceId"
${UPSERT_TRACE_SUMMARY}`;

// Two transactions adding spans to one trace would each recompute it from what they can see,
// which excludes the other's uncommitted spans, and the later commit would leave a summary
// missing the earlier one's. A lock per trace, held to commit and taken in one order, makes the
// second recompute wait and then see both. Keys are hashed into advisory lock space.
export const LOCK_TRACES = preparedStatement(
  'lock_traces',
  `SELECT pg_advisory_xact_lock(k) FROM (
  SELECT DISTINCT hashtextextended($1 || '/' || t, 0) AS k FROM unnest($2::text[]) AS t ORDER BY k
) AS keys`,
);

/** A trace whose summary was written, and the application the summary puts it in. */
export type TraceApplication = { traceId: string; applicationId: string };

/**
 * Recomputes the given traces' summary rows, serialised with other writers of the same traces.
 * Returns the rows written, so callers can tell subscribers without reading them back.
 */
export const refreshTraces = async (
  tx: SqlSession,
  projectId: string,
  traceIds: readonly string[],
): Promise<TraceApplication[]> => {
  if (traceIds.length === 0) return [];
  await tx.query(LOCK_TRACES, [projectId, traceIds]);
  return tx.query<TraceApplication>(`${REFRESH_TRACES} RETURNING "traceId", "applicationId"`, [projectId, traceIds]);
};
