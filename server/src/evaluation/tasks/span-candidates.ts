import { type EvalTask, Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { type SpanFilter, spanWhere } from '../../tracing/queries/list-spans.js';
import type { Candidate, CandidateSource } from './candidate-source.js';
import { type TaskSpanFilter, taskSpanFilter } from './eval-task-input.js';

type Row = { id: string; traceId: string; spanId: string; k1: string; k2: string; k3: string | null; misses: string[] };

const spanMisses = (projectId: string, filter: TaskSpanFilter): Prisma.Sql => {
  const checks = Object.entries(filter)
    .filter(([, value]) => value != null && !(Array.isArray(value) && value.length === 0))
    .map(
      ([key, value]) => Prisma.sql`CASE WHEN ${spanWhere(projectId, { [key]: value } as SpanFilter)} THEN NULL ELSE ${key} END`,
    );
  return checks.length === 0
    ? Prisma.sql`ARRAY[]::text[]`
    : Prisma.sql`array_remove(ARRAY[${Prisma.join(checks)}]::text[], NULL)`;
};

/**
 * Historical: the application's spans started in [from, to) by (startTime, id). Continuous: the
 * spans of settled traces, by (trace updatedAt, trace id, span id) — a trace that gets late spans
 * comes round again and only its undecided spans become new candidates.
 */
export const spanCandidates: CandidateSource = {
  async page(prisma: PrismaClient, task: EvalTask, after: string[] | null, limit: number, now: Date): Promise<Candidate[]> {
    const filter = taskSpanFilter.parse(task.filter ?? {});
    const misses = spanMisses(task.projectId, filter);
    const from = task.fromTime ?? task.createdAt;
    let rows: Row[];
    if (task.mode === 'HISTORICAL') {
      rows = await prisma.$queryRaw<Row[]>`
        SELECT s.id::text AS id, s."traceId", s."spanId", s."startTime"::text AS k1, s.id::text AS k2, NULL AS k3, ${misses} AS misses
        FROM "Span" s
        WHERE s."projectId" = CAST(${task.projectId} AS uuid) AND s."applicationId" = CAST(${task.applicationId} AS uuid)
          AND s."startTime" >= ${from}
          ${task.toTime ? Prisma.sql`AND s."startTime" < ${task.toTime}` : Prisma.empty}
          ${after ? Prisma.sql`AND (s."startTime", s.id) > (CAST(${after[0]} AS timestamptz), CAST(${after[1]} AS uuid))` : Prisma.empty}
        ORDER BY s."startTime", s.id
        LIMIT ${limit}`;
    } else {
      const settled = new Date(now.getTime() - task.settleSeconds * 1000);
      rows = await prisma.$queryRaw<Row[]>`
        SELECT s.id::text AS id, s."traceId", s."spanId", t."updatedAt"::text AS k1, t.id::text AS k2, s.id::text AS k3, ${misses} AS misses
        FROM "Trace" t
        JOIN "Span" s ON s."projectId" = t."projectId" AND s."traceId" = t."traceId"
        WHERE t."projectId" = CAST(${task.projectId} AS uuid) AND t."applicationId" = CAST(${task.applicationId} AS uuid)
          AND s."applicationId" = t."applicationId"
          AND t."startTime" >= ${from} AND t."updatedAt" <= ${settled}
          ${
            after
              ? Prisma.sql`AND (t."updatedAt", t.id, s.id) > (CAST(${after[0]} AS timestamptz), CAST(${after[1]} AS uuid), CAST(${after[2]} AS uuid))`
              : Prisma.empty
          }
        ORDER BY t."updatedAt", t.id, s.id
        LIMIT ${limit}`;
    }
    return rows.map((row) => ({
      targetType: 'SPAN',
      targetId: row.id,
      traceId: row.traceId,
      sampleKey: `${row.traceId}:${row.spanId}`,
      misses: row.misses,
      position: row.k3 === null ? [row.k1, row.k2] : [row.k1, row.k2, row.k3],
    }));
  },
};
