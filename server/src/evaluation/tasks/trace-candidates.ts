import { type EvalTask, Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { type TraceFilter, traceWhere } from '../../tracing/queries/trace-filter.js';
import type { Candidate, CandidateSource } from './candidate-source.js';
import { type TaskTraceFilter, taskTraceFilter } from './eval-task-input.js';

type Row = { traceId: string; k1: string; k2: string; misses: string[] };

/**
 * One boolean per given filter key, so a FILTERED_OUT decision names the conditions that failed
 * (the user sees "hasError, tags", not just "did not match").
 */
export const traceMisses = (projectId: string, filter: TaskTraceFilter): Prisma.Sql => {
  const checks = Object.entries(filter)
    .filter(([, value]) => value != null && !(Array.isArray(value) && value.length === 0))
    .map(
      ([key, value]) => Prisma.sql`CASE WHEN ${traceWhere(projectId, { [key]: value } as TraceFilter)} THEN NULL ELSE ${key} END`,
    );
  return checks.length === 0
    ? Prisma.sql`ARRAY[]::text[]`
    : Prisma.sql`array_remove(ARRAY[${Prisma.join(checks)}]::text[], NULL)`;
};

/**
 * Historical: the application's traces started in [from, to), oldest first by (startTime, id).
 * Continuous: traces by their last write (updatedAt, id), once nothing was written to them for
 * settleSeconds, so the spans that arrive late are part of what gets evaluated.
 */
export const traceCandidates: CandidateSource = {
  async page(prisma: PrismaClient, task: EvalTask, after: string[] | null, limit: number, now: Date): Promise<Candidate[]> {
    const filter = taskTraceFilter.parse(task.filter ?? {});
    const historical = task.mode === 'HISTORICAL';
    const key = historical ? Prisma.sql`t."startTime"` : Prisma.sql`t."updatedAt"`;
    const from = task.fromTime ?? task.createdAt;
    const settled = new Date(now.getTime() - task.settleSeconds * 1000);
    const rows = await prisma.$queryRaw<Row[]>`
      SELECT t."traceId", (${key})::text AS k1, t.id::text AS k2, ${traceMisses(task.projectId, filter)} AS misses
      FROM "Trace" t
      WHERE t."projectId" = CAST(${task.projectId} AS uuid) AND t."applicationId" = CAST(${task.applicationId} AS uuid)
        AND t."startTime" >= ${from}
        ${task.toTime ? Prisma.sql`AND t."startTime" < ${task.toTime}` : Prisma.empty}
        ${historical ? Prisma.empty : Prisma.sql`AND t."updatedAt" <= ${settled}`}
        ${after ? Prisma.sql`AND (${key}, t.id) > (CAST(${after[0]} AS timestamptz), CAST(${after[1]} AS uuid))` : Prisma.empty}
      ORDER BY ${key}, t.id
      LIMIT ${limit}`;
    return rows.map((row) => ({
      targetType: 'TRACE',
      targetId: row.traceId,
      traceId: row.traceId,
      sampleKey: row.traceId,
      misses: row.misses,
      position: [row.k1, row.k2],
    }));
  },
};
