import type { SqlSession } from '../../db/sql-client.js';
import type { Span, Trace } from '../../generated/prisma/client.js';

/** Spans read per sample: keeps one giant trace from holding memory; the trajectory says it was cut. */
export const MAX_SAMPLE_SPANS = 2000;

/** The span columns a sample is built from (a Prisma Span row is one too). */
export type SampleSpan = Pick<
  Span,
  | 'id'
  | 'traceId'
  | 'spanId'
  | 'parentSpanId'
  | 'applicationId'
  | 'name'
  | 'kind'
  | 'status'
  | 'statusMessage'
  | 'startTime'
  | 'durationMs'
  | 'model'
  | 'input'
  | 'output'
  | 'toolName'
  | 'toolArguments'
  | 'toolResult'
  | 'retrievedDocuments'
  | 'attributes'
  | 'sessionId'
  | 'userId'
  | 'tags'
  | 'metadata'
>;

/** The trace columns a sample is built from (a Prisma Trace row is one too). */
export type SampleTrace = Pick<
  Trace,
  'traceId' | 'applicationId' | 'name' | 'input' | 'output' | 'metadata' | 'sessionId' | 'userId' | 'tags' | 'spanCount'
>;

// Only what samples read: a span's events and resource attributes are often its largest columns.
const SPAN_COLUMNS = `id::text AS id, "traceId", "spanId", "parentSpanId", "applicationId"::text AS "applicationId", name,
  kind::text AS kind, status::text AS status, "statusMessage", "startTime", "durationMs", model, input, output, "toolName",
  "toolArguments", "toolResult", "retrievedDocuments", attributes, "sessionId", "userId", tags, metadata`;

const TRACE_COLUMNS = `"traceId", "applicationId"::text AS "applicationId", name, input, output, metadata, "sessionId", "userId",
  tags, "spanCount"`;

/** Traces of a project by OpenTelemetry trace id, in one statement; absent ids are simply missing. */
export const readSampleTraces = async (sql: SqlSession, projectId: string, traceIds: string[]) =>
  traceIds.length === 0
    ? []
    : sql.query<SampleTrace>(`SELECT ${TRACE_COLUMNS} FROM "Trace" WHERE "projectId" = $1 AND "traceId" = ANY($2::text[])`, [
        projectId,
        traceIds,
      ]);

/** Spans of a project by row id, in one statement; absent ids are simply missing. */
export const readSampleSpans = async (sql: SqlSession, projectId: string, spanRowIds: string[]) =>
  spanRowIds.length === 0
    ? []
    : sql.query<SampleSpan>(`SELECT ${SPAN_COLUMNS} FROM "Span" WHERE "projectId" = $1 AND id = ANY($2::uuid[])`, [
        projectId,
        spanRowIds,
      ]);

/**
 * The spans of several traces in one statement: per trace the first MAX_SAMPLE_SPANS in start
 * order (then span id), as a sample of that trace alone reads them.
 */
export const readSpansOfTraces = async (
  sql: SqlSession,
  projectId: string,
  traceIds: string[],
): Promise<Map<string, SampleSpan[]>> => {
  const byTrace = new Map<string, SampleSpan[]>();
  const unique = [...new Set(traceIds)];
  if (unique.length === 0) return byTrace;
  const rows = await sql.query<SampleSpan>(
    `SELECT s.* FROM unnest($2::text[]) WITH ORDINALITY AS t("traceId", n)
     CROSS JOIN LATERAL (
       SELECT ${SPAN_COLUMNS} FROM "Span"
       WHERE "projectId" = $1 AND "traceId" = t."traceId"
       ORDER BY "startTime", "spanId"
       LIMIT $3) s
     ORDER BY t.n, s."startTime", s."spanId"`,
    [projectId, unique, MAX_SAMPLE_SPANS],
  );
  for (const row of rows) {
    const spans = byTrace.get(row.traceId);
    if (spans) spans.push(row);
    else byTrace.set(row.traceId, [row]);
  }
  return byTrace;
};
