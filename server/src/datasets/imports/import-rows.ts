import type { SqlClient, SqlSession } from '../../db/sql-client.js';
import type { ImportFormat, ImportReport, OnError, RowError } from '../transfer/import-records.js';

/** A DatasetImport's end states; RUNNING is where every import starts. */
export type DatasetImportStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/**
 * Inserts the RUNNING row of a new import, in the caller's transaction (the one that checked the
 * dataset exists in the caller's project), so an import of a missing dataset leaves no row.
 */
export const insertImportRow = async (
  tx: SqlSession,
  row: { id: string; projectId: string; datasetId: string; format: ImportFormat; onError: OnError; createdBy: string },
) => {
  await tx.query(
    `INSERT INTO "DatasetImport" (id, "projectId", "datasetId", format, "onError", "createdBy")
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6)`,
    [row.id, row.projectId, row.datasetId, row.format, row.onError, row.createdBy],
  );
};

/**
 * Brings the row's counters up to the report and appends the errors found since the last call
 * (`newErrors`), moving the heartbeat. Only while RUNNING: a row the sweep already failed stays so.
 */
export const updateImportCounters = async (
  session: SqlSession,
  id: string,
  report: Readonly<ImportReport>,
  newErrors: readonly RowError[],
) => {
  await session.query(
    `UPDATE "DatasetImport"
     SET "rowsRead" = $2, "rowsImported" = $3, "rowsRejected" = $4, errors = errors || $5::jsonb,
         "errorsTruncated" = $6, "heartbeatAt" = now()
     WHERE id = $1::uuid AND status = 'RUNNING'`,
    [id, report.rows, report.imported, report.failed, JSON.stringify(newErrors), report.errorsTruncated],
  );
};

/** Only the heartbeat: for an all-or-nothing import whose counters cannot be committed yet. */
export const touchImportHeartbeat = async (sql: SqlClient, id: string) => {
  await sql.query(`UPDATE "DatasetImport" SET "heartbeatAt" = now() WHERE id = $1::uuid AND status = 'RUNNING'`, [id]);
};

/**
 * Ends a RUNNING import with its final counters and the whole error list (the report's, which
 * is authoritative: an all-or-nothing import never committed its intermediate counters).
 * Returns false when the row had already ended (swept as interrupted meanwhile).
 */
export const finishImportRow = async (
  session: SqlSession,
  id: string,
  outcome: { status: Exclude<DatasetImportStatus, 'RUNNING'>; report: Readonly<ImportReport>; reason: string | null },
): Promise<boolean> => {
  const rows = await session.query(
    `UPDATE "DatasetImport"
     SET status = $2::"DatasetImportStatus", "rowsRead" = $3, "rowsImported" = $4, "rowsRejected" = $5,
         errors = $6::jsonb, "errorsTruncated" = $7, "failureReason" = $8, "finishedAt" = now(), "heartbeatAt" = now()
     WHERE id = $1::uuid AND status = 'RUNNING'
     RETURNING id`,
    [
      id,
      outcome.status,
      outcome.report.rows,
      outcome.report.imported,
      outcome.report.failed,
      JSON.stringify(outcome.report.errors),
      outcome.report.errorsTruncated,
      outcome.reason,
    ],
  );
  return rows.length > 0;
};
