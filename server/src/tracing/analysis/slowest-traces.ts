import { Prisma } from '../../generated/prisma/client.js';
import type { SpanStatus } from '../../generated/prisma/enums.js';
import type { RawQuery } from '../metrics/raw-query.js';
import type { TimeRange } from '../metrics/time-range.js';

export type SlowTrace = {
  /** The Trace row's id (for its global ID), not the OpenTelemetry trace id. */
  id: string;
  traceId: string;
  name: string;
  applicationId: string;
  applicationName: string;
  startTime: Date;
  durationMs: number;
  status: SpanStatus;
  spanCount: number;
  errorCount: number;
};

/** The longest traces that started in the range; served by the (projectId, startTime) index. */
export const slowestTraces = (
  db: RawQuery,
  projectId: string,
  q: TimeRange & { limit: number; applicationId?: string | null },
): Promise<SlowTrace[]> => db.$queryRaw<SlowTrace[]>`
  SELECT t.id::text AS id, t."traceId", t.name, t."applicationId"::text AS "applicationId", a.name AS "applicationName",
    t."startTime", t."durationMs", t.status::text AS status, t."spanCount", t."errorCount"
  FROM "Trace" t JOIN "Application" a ON a.id = t."applicationId"
  WHERE t."projectId" = ${projectId}::uuid
    AND t."startTime" >= ${q.from.toISOString()}::timestamptz AND t."startTime" < ${q.to.toISOString()}::timestamptz
    ${q.applicationId ? Prisma.sql`AND t."applicationId" = ${q.applicationId}::uuid` : Prisma.empty}
  ORDER BY t."durationMs" DESC, t.id
  LIMIT ${q.limit}`;
