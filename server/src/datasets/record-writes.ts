import type { Actor } from '../auth/principal.js';
import type { SqlSession } from '../db/sql-client.js';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import { type DatasetField, storedFields } from './dataset-fields.js';
import { type RecordIssue, RecordValidationError } from './record-issues.js';
import { type ValueCheck, VIOLATES_CHECK_SQL } from './schema-diff.js';
import { uuidv7 } from './uuid-v7.js';
import { type RecordData, validateRecordData } from './validate-record.js';

/**
 * THE write path of dataset records. GraphQL CRUD, JSONL/CSV import, datasetSql and add-from-traces
 * all call these functions inside one SqlClient.transaction, so that for every accepted change:
 * - the record is valid against the dataset's fields (checked here, whoever the caller is),
 * - a DatasetRecordVersion row keeps the state after the change (history, snapshots),
 * - a SearchOutbox row tells the search worker to mirror it,
 * all in the caller's transaction: nothing accepted is half-written or lost to search.
 * Every function issues a fixed number of statements, whatever the number of rows.
 */

/** The dataset as a write needs it; get it with lockDatasetForWrite inside the same transaction. */
export type WritableDataset = { id: string; projectId: string; fields: DatasetField[] };

/** Who wrote, as stored in createdBy/updatedBy/actor: the API key id, or 'cli' for the operator. */
export const actorLabel = (actor: Pick<Actor, 'apiKeyId'>) => actor.apiKeyId ?? 'cli';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Loads the dataset in the caller's project and takes a share lock on its row, so its fields cannot
 * change (updateDatasetSchema locks it exclusively) between validation and commit.
 */
export const lockDatasetForWrite = async (tx: SqlSession, projectId: string, datasetId: string): Promise<WritableDataset> => {
  if (!UUID.test(datasetId)) throw new NotFoundError('Dataset', datasetId);
  const [row] = await tx.query<{ id: string; projectId: string; fields: unknown }>(
    `SELECT id::text, "projectId"::text AS "projectId", fields FROM "Dataset" WHERE id = $1::uuid AND "projectId" = $2::uuid FOR SHARE`,
    [datasetId, projectId],
  );
  if (!row) throw new NotFoundError('Dataset', datasetId);
  return { id: row.id, projectId: row.projectId, fields: storedFields(row.fields) };
};

/**
 * Validates a batch without writing; `index` of each issue is its position plus indexOffset.
 * Returns the data as it would be stored (nulls dropped).
 */
export const validateRecords = (
  dataset: Pick<WritableDataset, 'fields'>,
  rows: readonly unknown[],
  indexOffset = 0,
): { valid: { index: number; data: RecordData }[]; issues: RecordIssue[] } => {
  const valid: { index: number; data: RecordData }[] = [];
  const issues: RecordIssue[] = [];
  rows.forEach((row, position) => {
    const index = position + indexOffset;
    const result = validateRecordData(dataset.fields, row);
    if (result.ok) valid.push({ index, data: result.data });
    else for (const problem of result.problems) issues.push({ index, recordId: null, ...problem });
  });
  return { valid, issues };
};

export type WrittenRecord = { id: string; version: number };

/**
 * Inserts new records (ids generated, version 1). The whole batch is refused with a
 * RecordValidationError naming each bad record's index and field when any record is invalid.
 */
export const insertRecords = async (
  tx: SqlSession,
  actor: Pick<Actor, 'apiKeyId'>,
  dataset: WritableDataset,
  rows: readonly unknown[],
  options: { indexOffset?: number; path?: string } = {},
): Promise<WrittenRecord[]> => {
  const { valid, issues } = validateRecords(dataset, rows, options.indexOffset ?? 0);
  if (issues.length > 0) throw new RecordValidationError(issues, options.path);
  if (valid.length === 0) return [];
  const input = valid.map((row) => ({ id: uuidv7(), data: row.data }));
  await tx.query(
    `WITH input AS (
       SELECT i.id, i.data FROM jsonb_to_recordset($3::jsonb) AS i(id uuid, data jsonb)
     ), inserted AS (
       INSERT INTO "DatasetRecord" (id, "projectId", "datasetId", data, version, "createdBy", "updatedBy")
       SELECT id, $1::uuid, $2::uuid, data, 1, $4, $4 FROM input
       RETURNING id, data
     ), versions AS (
       INSERT INTO "DatasetRecordVersion" ("projectId", "datasetId", "recordId", version, operation, data, actor)
       SELECT $1::uuid, $2::uuid, id, 1, 'INSERT'::"DatasetRecordOperation", data, $4 FROM inserted
     )
     INSERT INTO "SearchOutbox" ("projectId", "datasetId", "recordId", operation)
     SELECT $1::uuid, $2::uuid, id, 'UPSERT'::"SearchOutboxOperation" FROM inserted`,
    [dataset.projectId, dataset.id, JSON.stringify(input), actorLabel(actor)],
  );
  return input.map((row) => ({ id: row.id, version: 1 }));
};

/** One record's change: its full new data (`replace`) or the fields to change (`merge`; null removes a field). */
export type RecordChange = {
  id: string;
  data: Record<string, unknown>;
  /** Optimistic concurrency: refuse with CONFLICT unless the record is still at this version. */
  expectedVersion?: number | null;
};

/** Key order does not matter to jsonb; compare canonically so a no-op update writes no version. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};

export type UpdatedRecords = {
  /** Records that changed, with their new version. */
  updated: WrittenRecord[];
  /** Records whose data was already exactly this: no version written. */
  unchanged: WrittenRecord[];
};

/**
 * Updates existing records of the dataset. Missing ids (or ids of another dataset or project) are
 * NOT_FOUND; a version mismatch is CONFLICT; invalid results are a RecordValidationError naming the
 * record id and field. All or nothing.
 */
export const updateRecords = async (
  tx: SqlSession,
  actor: Pick<Actor, 'apiKeyId'>,
  dataset: WritableDataset,
  changes: readonly RecordChange[],
  options: { mode?: 'replace' | 'merge'; path?: string } = {},
): Promise<UpdatedRecords> => {
  if (changes.length === 0) return { updated: [], unchanged: [] };
  for (const change of changes) if (!UUID.test(change.id)) throw new NotFoundError('DatasetRecord', change.id);
  const ids = [...new Set(changes.map((change) => change.id.toLowerCase()))];
  if (ids.length !== changes.length) {
    throw new RecordValidationError(
      changes
        .map((change, index) => ({ change, index }))
        .filter(({ change }, index) => changes.findIndex((c) => c.id.toLowerCase() === change.id.toLowerCase()) !== index)
        .map(({ change, index }) => ({ index, recordId: change.id, field: null, message: 'is changed twice in one request' })),
      options.path,
    );
  }
  const current = await tx.query<{ id: string; data: RecordData; version: number }>(
    `SELECT id::text, data, version FROM "DatasetRecord"
     WHERE "projectId" = $1::uuid AND "datasetId" = $2::uuid AND id = ANY($3::uuid[])
     ORDER BY id FOR UPDATE`,
    [dataset.projectId, dataset.id, ids],
  );
  const byId = new Map(current.map((row) => [row.id, row]));
  const issues: RecordIssue[] = [];
  const next: { id: string; data: RecordData; version: number }[] = [];
  const unchanged: WrittenRecord[] = [];
  changes.forEach((change, index) => {
    const row = byId.get(change.id.toLowerCase());
    if (!row) throw new NotFoundError('DatasetRecord', change.id);
    if (change.expectedVersion != null && change.expectedVersion !== row.version) {
      throw new ConflictError(
        `DatasetRecord ${row.id} is at version ${row.version}, not ${change.expectedVersion}: someone changed it; reload and retry`,
      );
    }
    const merged = options.mode === 'merge' ? { ...row.data, ...change.data } : change.data;
    const result = validateRecordData(dataset.fields, merged);
    if (!result.ok) {
      for (const problem of result.problems) issues.push({ index, recordId: row.id, ...problem });
      return;
    }
    if (canonical(result.data) === canonical(row.data)) unchanged.push({ id: row.id, version: row.version });
    else next.push({ id: row.id, data: result.data, version: row.version + 1 });
  });
  if (issues.length > 0) throw new RecordValidationError(issues, options.path);
  if (next.length > 0) {
    await tx.query(
      `WITH input AS (
         SELECT i.id, i.data FROM jsonb_to_recordset($3::jsonb) AS i(id uuid, data jsonb)
       ), updated AS (
         UPDATE "DatasetRecord" r SET data = i.data, version = r.version + 1, "updatedAt" = now(), "updatedBy" = $4
         FROM input i WHERE r.id = i.id AND r."datasetId" = $2::uuid AND r."projectId" = $1::uuid
         RETURNING r.id, r.version, r.data
       ), versions AS (
         INSERT INTO "DatasetRecordVersion" ("projectId", "datasetId", "recordId", version, operation, data, actor)
         SELECT $1::uuid, $2::uuid, id, version, 'UPDATE'::"DatasetRecordOperation", data, $4 FROM updated
       )
       INSERT INTO "SearchOutbox" ("projectId", "datasetId", "recordId", operation)
       SELECT $1::uuid, $2::uuid, id, 'UPSERT'::"SearchOutboxOperation" FROM updated`,
      [dataset.projectId, dataset.id, JSON.stringify(next.map(({ id, data }) => ({ id, data }))), actorLabel(actor)],
    );
  }
  return { updated: next.map(({ id, version }) => ({ id, version })), unchanged };
};

/**
 * Deletes records. Their history stays: a DELETE version (data null) is written after the last one.
 * With `ifMissing: 'error'` (the default) one unknown id refuses the whole batch with NOT_FOUND;
 * `'ignore'` deletes what exists (SQL DELETE semantics).
 */
export const deleteRecords = async (
  tx: SqlSession,
  actor: Pick<Actor, 'apiKeyId'>,
  dataset: WritableDataset,
  ids: readonly string[],
  options: { ifMissing?: 'error' | 'ignore' } = {},
): Promise<string[]> => {
  const ifMissing = options.ifMissing ?? 'error';
  const wellFormed = ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase());
  if (ifMissing === 'error') {
    const bad = ids.find((id) => !UUID.test(id));
    if (bad !== undefined) throw new NotFoundError('DatasetRecord', bad);
  }
  const unique = [...new Set(wellFormed)];
  if (unique.length === 0) return [];
  const rows = await tx.query<{ id: string }>(
    `WITH deleted AS (
       DELETE FROM "DatasetRecord" WHERE "projectId" = $1::uuid AND "datasetId" = $2::uuid AND id = ANY($3::uuid[])
       RETURNING id, version
     ), versions AS (
       INSERT INTO "DatasetRecordVersion" ("projectId", "datasetId", "recordId", version, operation, data, actor)
       SELECT $1::uuid, $2::uuid, id, version + 1, 'DELETE'::"DatasetRecordOperation", NULL, $4 FROM deleted
     ), outbox AS (
       INSERT INTO "SearchOutbox" ("projectId", "datasetId", "recordId", operation)
       SELECT $1::uuid, $2::uuid, id, 'DELETE'::"SearchOutboxOperation" FROM deleted
     )
     SELECT id::text FROM deleted`,
    [dataset.projectId, dataset.id, unique, actorLabel(actor)],
  );
  if (ifMissing === 'error' && rows.length !== unique.length) {
    const found = new Set(rows.map((row) => row.id));
    // Throwing rolls the caller's transaction back: nothing of the batch is deleted.
    throw new NotFoundError('DatasetRecord', unique.find((id) => !found.has(id)) ?? '');
  }
  return rows.map((row) => row.id);
};

/**
 * Removes fields from every record that has them (a schema change dropping fields), writing a new
 * UPDATE version for each such record so its history still shows the values. Search is told by the
 * REINDEX_DATASET row the schema change enqueues, not record by record.
 */
export const stripFields = async (
  tx: SqlSession,
  actor: Pick<Actor, 'apiKeyId'>,
  dataset: Pick<WritableDataset, 'id' | 'projectId'>,
  names: readonly string[],
): Promise<number> => {
  if (names.length === 0) return 0;
  const [row] = await tx.query<{ count: number }>(
    `WITH updated AS (
       UPDATE "DatasetRecord" SET data = data - $3::text[], version = version + 1, "updatedAt" = now(), "updatedBy" = $4
       WHERE "projectId" = $1::uuid AND "datasetId" = $2::uuid AND data ?| $3::text[]
       RETURNING id, version, data
     ), versions AS (
       INSERT INTO "DatasetRecordVersion" ("projectId", "datasetId", "recordId", version, operation, data, actor)
       SELECT $1::uuid, $2::uuid, id, version, 'UPDATE'::"DatasetRecordOperation", data, $4 FROM updated
     )
     SELECT count(*)::int AS count FROM updated`,
    [dataset.projectId, dataset.id, [...names], actorLabel(actor)],
  );
  return row?.count ?? 0;
};

/** Dataset-level index work (settings changed, dataset deleted), in the caller's transaction. */
export const enqueueDatasetIndexing = async (
  tx: SqlSession,
  dataset: Pick<WritableDataset, 'id' | 'projectId'>,
  operation: 'REINDEX_DATASET' | 'DROP_DATASET',
) => {
  await tx.query(
    `INSERT INTO "SearchOutbox" ("projectId", "datasetId", operation) VALUES ($1::uuid, $2::uuid, $3::"SearchOutboxOperation")`,
    [dataset.projectId, dataset.id, operation],
  );
};

/**
 * Drops the values that violate droppable checks of a schema change (values of removed fields,
 * values that do not fit a field's new type), writing a new UPDATE version for each record touched
 * so its history keeps them. One statement, whatever the number of records. Search is told by the
 * REINDEX_DATASET row the schema change enqueues.
 */
export const dropViolatingValues = async (
  tx: SqlSession,
  actor: Pick<Actor, 'apiKeyId'>,
  dataset: Pick<WritableDataset, 'id' | 'projectId'>,
  checks: readonly ValueCheck[],
): Promise<{ records: number; values: number }> => {
  const droppable = checks.filter((check) => check.droppable);
  if (droppable.length === 0) return { records: 0, values: 0 };
  const [row] = await tx.query<{ records: number; values: number }>(
    `WITH c AS (
       SELECT * FROM jsonb_to_recordset($3::jsonb) AS c(field text, kind text)
     ), bad AS (
       SELECT r.id, array_agg(DISTINCT c.field) AS fields FROM "DatasetRecord" r CROSS JOIN c
       WHERE r."projectId" = $1::uuid AND r."datasetId" = $2::uuid AND (${VIOLATES_CHECK_SQL})
       GROUP BY r.id
     ), updated AS (
       UPDATE "DatasetRecord" r SET data = r.data - bad.fields, version = r.version + 1, "updatedAt" = now(), "updatedBy" = $4
       FROM bad WHERE r.id = bad.id
       RETURNING r.id, r.version, r.data, cardinality(bad.fields) AS dropped
     ), versions AS (
       INSERT INTO "DatasetRecordVersion" ("projectId", "datasetId", "recordId", version, operation, data, actor)
       SELECT $1::uuid, $2::uuid, id, version, 'UPDATE'::"DatasetRecordOperation", data, $4 FROM updated
     )
     SELECT count(*)::int AS records, coalesce(sum(dropped), 0)::int AS values FROM updated`,
    [dataset.projectId, dataset.id, JSON.stringify(droppable.map(({ field, kind }) => ({ field, kind }))), actorLabel(actor)],
  );
  return { records: row?.records ?? 0, values: row?.values ?? 0 };
};
