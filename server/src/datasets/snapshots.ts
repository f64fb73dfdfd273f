import { z } from 'zod';
import type { Actor, Principal } from '../auth/principal.js';
import type { SqlSession } from '../db/sql-client.js';
import { displayName } from '../domain/names.js';
import { sqlAuditedTransaction } from '../domain/sql-audited-transaction.js';
import { validate } from '../domain/validate.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors/app-error.js';
import type { DatasetDeps } from './datasets.js';
import { actorLabel, lockDatasetForWrite } from './record-writes.js';
import { isSqlUniqueViolation } from './sql-errors.js';
import { uuidv7 } from './uuid-v7.js';
import type { RecordData } from './validate-record.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const createInput = z.object({
  datasetId: z.string(),
  name: displayName,
  description: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
});

/**
 * Freezes the dataset's current records as a named snapshot: the exact (record, version) pairs, so
 * later edits and deletions never change what an evaluation over the snapshot reads (the versions
 * keep the data). One INSERT … SELECT statement: the rows and the count come from one consistent
 * view of the table, whatever writes run concurrently. The dataset's share lock keeps its schema
 * from changing meanwhile; the snapshot keeps the fields it was taken with.
 */
export const createSnapshot = (
  deps: DatasetDeps,
  principal: Pick<Principal, 'projectId'>,
  actor: Actor,
  input: z.input<typeof createInput>,
): Promise<{ id: string; recordCount: number }> => {
  const data = validate(createInput, input);
  const id = uuidv7();
  return sqlAuditedTransaction(deps, actor, async (tx) => {
    const dataset = await lockDatasetForWrite(tx, principal.projectId, data.datasetId);
    const [row] = await tx.query<{ count: number }>(
      `WITH current AS (
         SELECT id, version FROM "DatasetRecord" WHERE "projectId" = $2::uuid AND "datasetId" = $3::uuid
       ), snapshot AS (
         INSERT INTO "DatasetSnapshot" (id, "projectId", "datasetId", name, description, "recordCount", fields, "createdBy")
         SELECT $1::uuid, $2::uuid, $3::uuid, $4, $5, (SELECT count(*) FROM current), $6::jsonb, $7
         RETURNING id
       ), frozen AS (
         INSERT INTO "DatasetSnapshotRecord" ("snapshotId", "recordId", version)
         SELECT (SELECT id FROM snapshot), id, version FROM current
       )
       SELECT (SELECT count(*) FROM current)::int AS count`,
      [id, dataset.projectId, dataset.id, data.name, data.description || null, JSON.stringify(dataset.fields), actorLabel(actor)],
    );
    const recordCount = row?.count ?? 0;
    return {
      result: { id, recordCount },
      audit: [
        {
          action: 'dataset.snapshot.create',
          entityType: 'DatasetSnapshot',
          entityId: id,
          projectId: dataset.projectId,
          summary: { datasetId: dataset.id, name: data.name, recordCount },
        },
      ],
    };
  }).catch((error: unknown) => {
    if (isSqlUniqueViolation(error)) throw new ConflictError(`This dataset already has a snapshot named "${data.name}"`);
    throw error;
  });
};

/**
 * Deletes a snapshot (not the records or versions it names). Refused while an eval task that has
 * not finished reads it: its remaining records would fail for a reason nobody chose. Finished
 * tasks and their scores stay readable; they keep the snapshot's id.
 */
export const deleteSnapshot = (
  deps: DatasetDeps,
  principal: Pick<Principal, 'projectId'>,
  actor: Actor,
  snapshotId: string,
): Promise<{ id: string }> =>
  sqlAuditedTransaction(deps, actor, async (tx) => {
    if (!UUID.test(snapshotId)) throw new NotFoundError('DatasetSnapshot', snapshotId);
    const busy = await tx.query<{ name: string }>(
      `SELECT name FROM "EvalTask" WHERE "snapshotId" = $1::uuid AND "projectId" = $2::uuid AND status IN ('RUNNING', 'PAUSED')
       ORDER BY "createdAt" LIMIT 5`,
      [snapshotId, principal.projectId],
    );
    if (busy.length > 0) {
      const names = busy.map((task) => `"${task.name}"`).join(', ');
      throw new ConflictError(`Eval task(s) ${names} still evaluate this snapshot; cancel them or let them finish first`);
    }
    const [row] = await tx.query<{ id: string; name: string; datasetId: string }>(
      `DELETE FROM "DatasetSnapshot" WHERE id = $1::uuid AND "projectId" = $2::uuid RETURNING id::text, name, "datasetId"::text AS "datasetId"`,
      [snapshotId, principal.projectId],
    );
    if (!row) throw new NotFoundError('DatasetSnapshot', snapshotId);
    return {
      result: { id: row.id },
      audit: [
        {
          action: 'dataset.snapshot.delete',
          entityType: 'DatasetSnapshot',
          entityId: row.id,
          projectId: principal.projectId,
          summary: { datasetId: row.datasetId, name: row.name },
        },
      ],
    };
  });

/** One record as the snapshot froze it. */
export type SnapshotRecord = { recordId: string; version: number; data: RecordData };

/**
 * A page of a snapshot's records in record id order (keyset: `after` is the last record id seen),
 * with the data of the exact version frozen. Scoped by project: another project's snapshot id reads
 * nothing. Eval tasks and experiments read their data source through this.
 */
export const readSnapshotRecords = async (
  sql: SqlSession,
  projectId: string,
  snapshotId: string,
  page: { after?: string | null; limit: number },
): Promise<SnapshotRecord[]> => {
  if (!UUID.test(snapshotId)) return [];
  if (page.after && !UUID.test(page.after))
    throw new InvalidInputError([{ path: 'after', message: 'is not a cursor of this list' }]);
  return sql.query<SnapshotRecord>(
    `SELECT sr."recordId"::text AS "recordId", sr.version, v.data
     FROM "DatasetSnapshot" s
     JOIN "DatasetSnapshotRecord" sr ON sr."snapshotId" = s.id
     JOIN "DatasetRecordVersion" v ON v."recordId" = sr."recordId" AND v.version = sr.version
     WHERE s.id = $1::uuid AND s."projectId" = $2::uuid AND ($3::uuid IS NULL OR sr."recordId" > $3::uuid)
     ORDER BY sr."recordId"
     LIMIT $4`,
    [snapshotId, projectId, page.after ?? null, page.limit],
  );
};
