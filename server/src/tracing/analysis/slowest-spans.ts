import { Prisma } from '../../generated/prisma/client.js';
import type { SpanKind, SpanStatus } from '../../generated/prisma/enums.js';
import type { RawQuery } from '../metrics/raw-query.js';
import type { TimeRange } from '../metrics/time-range.js';

export type SlowSpan = {
  /** Row ids, for global IDs; traceId/spanId are the OpenTelemetry ids. */
  id: string;
  traceRowId: string | null;
  traceId: string;
  spanId: string;
  name: string;
  kind: SpanKind;
  operation: string | null;
  model: string | null;
  toolName: string | null;
  applicationName: string;
  startTime: Date;
  durationMs: number;
  status: SpanStatus;
};

/** The longest spans that started in the range, optionally of one kind. */
export const slowestSpans = (
  db: RawQuery,
  projectId: string,
  q: TimeRange & { limit: number; kind?: SpanKind | null; applicationId?: string | null },
): Promise<SlowSpan[]> => db.$queryRaw<SlowSpan[]>`
  SELECT s.id::text AS id, t.id::text AS "traceRowId", s."traceId", s."spanId", s.name, s.kind::text AS kind,
    s.operation, s.model, s."toolName", a.name AS "applicationName", s."startTime", s."durationMs", s.status::text AS status
  FROM "Span" s
  JOIN "Application" a ON a.id = s."applicationId"
  LEFT JOIN "Trace" t ON t."projectId" = s."projectId" AND t."traceId" = s."traceId"
  WHERE s."projectId" = ${projectId}::uuid
    AND s."startTime" >= ${q.from.toISOString()}::timestamptz AND s."startTime" < ${q.to.toISOString()}::timestamptz
    ${q.kind ? Prisma.sql`AND s.kind = ${q.kind}::"SpanKind"` : Prisma.empty}
    ${q.applicationId ? Prisma.sql`AND s."applicationId" = ${q.applicationId}::uuid` : Prisma.empty}
  ORDER BY s."durationMs" DESC, s.id
  LIMIT ${q.limit}`;
