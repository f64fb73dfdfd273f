import { z } from 'zod';
import type { Actor, Principal } from '../auth/principal.js';
import type { SqlSession } from '../db/sql-client.js';
import { sqlAuditedTransaction } from '../domain/sql-audited-transaction.js';
import { validate } from '../domain/validate.js';
import { AppError } from '../errors/app-error.js';
import { type DatasetField, type DatasetFieldInput, parseDatasetFields, storedFields } from './dataset-fields.js';
import { type DatasetDeps, lockDataset } from './datasets.js';
import { MAX_LISTED_ISSUES } from './record-issues.js';
import { dropViolatingValues, enqueueDatasetIndexing } from './record-writes.js';
import { describeViolation, diffFields, type SchemaDiff, type ValueCheck, VIOLATES_CHECK_SQL } from './schema-diff.js';

/** One existing record that a schema change would break, and why. */
export type SchemaBreakage = { recordId: string; field: string; reason: string };

export type SchemaChangeReport = {
  datasetId: string;
  applied: boolean;
  added: string[];
  removed: string[];
  changed: string[];
  /** At most MAX_LISTED_ISSUES, by record id; `breakingCount` is the total. */
  breakages: SchemaBreakage[];
  breakingCount: number;
  /** Values dropped (or, in a dry run, that would be dropped) because `dropValues` was set. */
  droppedValueCount: number;
  /** Records given a new version because values were dropped from them (0 in a dry run). */
  changedRecordCount: number;
  /** Whether the search index is (or would be) rebuilt. */
  reindex: boolean;
};

/**
 * A schema change that existing records would not survive. Its code is CONFLICT: the change
 * contradicts the data; the report lists which records, fields and why.
 */
export class SchemaChangeBreaksRecordsError extends AppError {
  readonly breakages: SchemaBreakage[];
  readonly breakingCount: number;

  constructor(breakages: SchemaBreakage[], breakingCount: number) {
    const first = breakages[0];
    super(
      'CONFLICT',
      `The schema change would break ${breakingCount} value(s) of existing records` +
        (first ? `, e.g. record ${first.recordId}, field ${first.field}: ${first.reason}` : '') +
        '; fix those records, or set dropValues to drop values that no longer fit',
    );
    this.name = 'SchemaChangeBreaksRecordsError';
    this.breakages = breakages;
    this.breakingCount = breakingCount;
  }
}

/** Records violating the checks, listed (bounded) and counted in one statement. */
const findBreakages = async (
  tx: SqlSession,
  dataset: { id: string; projectId: string },
  checks: readonly ValueCheck[],
): Promise<{ breakages: SchemaBreakage[]; total: number }> => {
  if (checks.length === 0) return { breakages: [], total: 0 };
  const rows = await tx.query<{ id: string; field: string; kind: ValueCheck['kind']; actual: string | null; total: number }>(
    `WITH c AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS c(field text, kind text))
     SELECT r.id::text, c.field, c.kind, jsonb_typeof(r.data -> c.field) AS actual, (count(*) OVER ())::int AS total
     FROM "DatasetRecord" r CROSS JOIN c
     WHERE r."projectId" = $1::uuid AND r."datasetId" = $2::uuid AND (${VIOLATES_CHECK_SQL})
     ORDER BY r.id, c.field
     LIMIT ${MAX_LISTED_ISSUES}`,
    [dataset.projectId, dataset.id, JSON.stringify(checks.map(({ field, kind }) => ({ field, kind })))],
  );
  return {
    breakages: rows.map((row) => ({ recordId: row.id, field: row.field, reason: describeViolation(row.kind, row.actual) })),
    total: rows[0]?.total ?? 0,
  };
};

const changeInput = z.object({
  id: z.string(),
  dryRun: z.boolean().nullish(),
  dropValues: z.boolean().nullish(),
});

const auditSummary = (diff: SchemaDiff, before: DatasetField[], after: DatasetField[], dropped: number) => ({
  added: diff.added,
  removed: diff.removed,
  changed: diff.changed,
  fields: { from: before.map((f) => `${f.name}:${f.type}`), to: after.map((f) => `${f.name}:${f.type}`) },
  droppedValues: dropped,
});

/**
 * Replaces a dataset's fields with a new list (fields matched by name). Existing records are checked
 * against the new schema in SQL; the change applies only when none would break, or when `dropValues`
 * allows dropping values that no longer fit (removed fields, wrong types; a missing required value
 * still breaks). A dry run reports and writes nothing. Record writes wait on the dataset's row lock,
 * so no record slips in between the check and the change.
 */
export const changeDatasetSchema = async (
  deps: DatasetDeps,
  principal: Pick<Principal, 'projectId'>,
  actor: Actor,
  input: { id: string; fields: DatasetFieldInput[]; dryRun?: boolean | null; dropValues?: boolean | null },
): Promise<SchemaChangeReport> => {
  const options = validate(changeInput, input);
  const after = parseDatasetFields(input.fields);
  const run = async (tx: SqlSession) => {
    const row = await lockDataset(tx, principal.projectId, options.id);
    const dataset = { id: row.id, projectId: principal.projectId };
    const before = storedFields(row.fields);
    const diff = diffFields(before, after);
    const dropValues = options.dropValues ?? false;
    const blocking = diff.checks.filter((check) => !(dropValues && check.droppable));
    const { breakages, total } = await findBreakages(tx, dataset, blocking);
    const droppable = dropValues ? diff.checks.filter((check) => check.droppable) : [];
    const report: SchemaChangeReport = {
      datasetId: dataset.id,
      applied: false,
      added: diff.added,
      removed: diff.removed,
      changed: diff.changed,
      breakages,
      breakingCount: total,
      droppedValueCount: droppable.length > 0 ? (await findBreakages(tx, dataset, droppable)).total : 0,
      changedRecordCount: 0,
      reindex: diff.searchRelevant,
    };
    return { report, before, diff, dataset, droppable };
  };

  if (options.dryRun) return (await deps.sql.transaction(run)).report;

  return sqlAuditedTransaction(deps, actor, async (tx) => {
    const { report, before, diff, dataset, droppable } = await run(tx);
    if (report.breakingCount > 0) throw new SchemaChangeBreaksRecordsError(report.breakages, report.breakingCount);
    const dropped = await dropViolatingValues(tx, actor, dataset, droppable);
    await tx.query(`UPDATE "Dataset" SET fields = $2::jsonb, "updatedAt" = now() WHERE id = $1::uuid`, [
      dataset.id,
      JSON.stringify(after),
    ]);
    if (diff.searchRelevant) await enqueueDatasetIndexing(tx, dataset, 'REINDEX_DATASET');
    return {
      result: { ...report, applied: true, droppedValueCount: dropped.values, changedRecordCount: dropped.records },
      audit: [
        {
          action: 'dataset.changeSchema',
          entityType: 'Dataset',
          entityId: dataset.id,
          projectId: dataset.projectId,
          summary: auditSummary(diff, before, after, dropped.values),
        },
      ],
    };
  });
};
