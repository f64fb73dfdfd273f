import { z } from 'zod';
import type { Actor, Principal } from '../auth/principal.js';
import { sqlAuditedTransaction } from '../domain/sql-audited-transaction.js';
import { validate } from '../domain/validate.js';
import { NotFoundError } from '../errors/app-error.js';
import type { DatasetDeps } from './datasets.js';
import {
  deleteRecords,
  insertRecords,
  lockDatasetForWrite,
  type UpdatedRecords,
  updateRecords,
  type WrittenRecord,
} from './record-writes.js';

/**
 * GraphQL-sized batches. Files go through the import job (streaming, per-row report); a request
 * stays small enough to validate, write and answer in one transaction.
 */
export const MAX_RECORDS_PER_REQUEST = 1000;

const batch = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(1, 'give at least one record')
    .max(MAX_RECORDS_PER_REQUEST, `at most ${MAX_RECORDS_PER_REQUEST} records per request; import larger sets from a file`);

/** Audit entries name the records, but only the first ones: a batch must not make a huge entry. */
const AUDITED_IDS = 100;
const auditedIds = (records: readonly { id: string }[]) => records.slice(0, AUDITED_IDS).map((record) => record.id);

const createInput = z.object({ datasetId: z.string(), records: batch(z.unknown()) });

/** Adds records (all or nothing); validation errors name each bad record's index and field. */
export const createDatasetRecords = (
  deps: DatasetDeps,
  principal: Pick<Principal, 'projectId'>,
  actor: Actor,
  input: { datasetId: string; records: unknown[] },
  options: { path?: string } = {},
): Promise<WrittenRecord[]> => {
  const { datasetId, records } = validate(createInput, input);
  return sqlAuditedTransaction(deps, actor, async (tx) => {
    const dataset = await lockDatasetForWrite(tx, principal.projectId, datasetId);
    const written = await insertRecords(tx, actor, dataset, records, { path: options.path ?? 'records' });
    return {
      result: written,
      audit: [
        {
          action: 'dataset.records.create',
          entityType: 'Dataset',
          entityId: dataset.id,
          projectId: dataset.projectId,
          summary: { count: written.length, recordIds: auditedIds(written) },
        },
      ],
    };
  });
};

const updateInput = z.object({
  datasetId: z.string(),
  mode: z.enum(['merge', 'replace']),
  records: batch(
    z.object({
      id: z.string(),
      data: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }),
      expectedVersion: z.number().int().min(1, 'versions start at 1').nullish(),
    }),
  ),
});

/**
 * Changes records: `merge` sets the given fields (null removes one), `replace` sets the whole data.
 * A stale expectedVersion is CONFLICT; unknown ids are NOT_FOUND. All or nothing.
 */
export const updateDatasetRecords = (
  deps: DatasetDeps,
  principal: Pick<Principal, 'projectId'>,
  actor: Actor,
  input: z.input<typeof updateInput>,
): Promise<UpdatedRecords> => {
  const { datasetId, mode, records } = validate(updateInput, input);
  return sqlAuditedTransaction(deps, actor, async (tx) => {
    const dataset = await lockDatasetForWrite(tx, principal.projectId, datasetId);
    const result = await updateRecords(tx, actor, dataset, records, { mode, path: 'records' });
    return {
      result,
      audit:
        result.updated.length === 0
          ? []
          : [
              {
                action: 'dataset.records.update',
                entityType: 'Dataset',
                entityId: dataset.id,
                projectId: dataset.projectId,
                summary: { mode, count: result.updated.length, recordIds: auditedIds(result.updated) },
              },
            ],
    };
  });
};

const deleteInput = z.object({ datasetId: z.string(), ids: batch(z.string()) });

/** Deletes records (their history stays); one unknown id refuses the whole batch with NOT_FOUND. */
export const deleteDatasetRecords = (
  deps: DatasetDeps,
  principal: Pick<Principal, 'projectId'>,
  actor: Actor,
  input: { datasetId: string; ids: string[] },
): Promise<string[]> => {
  const { datasetId, ids } = validate(deleteInput, input);
  return sqlAuditedTransaction(deps, actor, async (tx) => {
    const dataset = await lockDatasetForWrite(tx, principal.projectId, datasetId);
    const deleted = await deleteRecords(tx, actor, dataset, ids);
    return {
      result: deleted,
      audit: [
        {
          action: 'dataset.records.delete',
          entityType: 'Dataset',
          entityId: dataset.id,
          projectId: dataset.projectId,
          summary: { count: deleted.length, recordIds: deleted.slice(0, AUDITED_IDS) },
        },
      ],
    };
  });
};

/** The dataset a record of the project belongs to, for mutations that name only the record. */
export const datasetOfRecord = async (deps: DatasetDeps, projectId: string, recordId: string): Promise<string> => {
  const [row] = await deps.sql.query<{ datasetId: string }>(
    `SELECT "datasetId"::text AS "datasetId" FROM "DatasetRecord" WHERE id = $1::uuid AND "projectId" = $2::uuid`,
    [recordId, projectId],
  );
  if (!row) throw new NotFoundError('DatasetRecord', recordId);
  return row.datasetId;
};
