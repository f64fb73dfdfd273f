import { type EvalTask, Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { Candidate, CandidateSource } from './candidate-source.js';

/**
 * The records a snapshot froze, by record id (keyset). Only ids are read here: the data of the
 * frozen version is read when the record is evaluated, so planning memory does not grow with
 * record size. A snapshot never changes, so a task over it is always HISTORICAL and no filter
 * applies; the record id is the sampling key, so two evaluators at one rate keep the same records.
 */
export const snapshotCandidates: CandidateSource = {
  async page(prisma: PrismaClient, task: EvalTask, after: string[] | null, limit: number): Promise<Candidate[]> {
    if (!task.snapshotId) return [];
    const rows = await prisma.$queryRaw<{ recordId: string }[]>`
      SELECT sr."recordId"::text AS "recordId"
      FROM "DatasetSnapshot" s
      JOIN "DatasetSnapshotRecord" sr ON sr."snapshotId" = s.id
      WHERE s.id = CAST(${task.snapshotId} AS uuid) AND s."projectId" = CAST(${task.projectId} AS uuid)
        ${after ? Prisma.sql`AND sr."recordId" > CAST(${after[0]} AS uuid)` : Prisma.empty}
      ORDER BY sr."recordId"
      LIMIT ${limit}`;
    return rows.map((row) => ({
      targetType: 'DATASET_RECORD',
      targetId: row.recordId,
      traceId: null,
      sampleKey: row.recordId,
      misses: [],
      position: [row.recordId],
    }));
  },
};
