import { Prisma } from '../../generated/prisma/client.js';
import type { SpanKind } from '../../generated/prisma/enums.js';
import type { RawQuery } from '../metrics/raw-query.js';
import type { TimeRange } from '../metrics/time-range.js';

export type OperationStats = {
  kind: SpanKind;
  /** The tool name for tool calls, the span name otherwise. */
  name: string;
  /** The most frequent normalised operation (gen_ai.operation.name or equivalent), if any. */
  operation: string | null;
  calls: number;
  errors: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyAvgMs: number;
  lastSeen: Date;
};

/** Calls, errors and latency per (kind, operation name), busiest first. */
export const operationAnalysis = (
  db: RawQuery,
  projectId: string,
  q: TimeRange & { limit: number; kind?: SpanKind | null; applicationId?: string | null },
): Promise<OperationStats[]> => db.$queryRaw<OperationStats[]>`
  SELECT s.kind::text AS kind, COALESCE(s."toolName", s.name) AS name,
    mode() WITHIN GROUP (ORDER BY s.operation) AS operation,
    count(*)::int AS calls, count(*) FILTER (WHERE s.status = 'ERROR')::int AS errors,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY s."durationMs") AS "latencyP50Ms",
    percentile_cont(0.95) WITHIN GROUP (ORDER BY s."durationMs") AS "latencyP95Ms",
    avg(s."durationMs")::float8 AS "latencyAvgMs",
    max(s."startTime") AS "lastSeen"
  FROM "Span" s
  WHERE s."projectId" = ${projectId}::uuid
    AND s."startTime" >= ${q.from.toISOString()}::timestamptz AND s."startTime" < ${q.to.toISOString()}::timestamptz
    ${q.kind ? Prisma.sql`AND s.kind = ${q.kind}::"SpanKind"` : Prisma.empty}
    ${q.applicationId ? Prisma.sql`AND s."applicationId" = ${q.applicationId}::uuid` : Prisma.empty}
  GROUP BY 1, 2
  ORDER BY calls DESC, kind, name
  LIMIT ${q.limit}`;
