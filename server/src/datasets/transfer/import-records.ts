import type { Actor, Principal } from '../../auth/principal.js';
import type { SqlSession } from '../../db/sql-client.js';
import { sqlAuditedTransaction } from '../../domain/sql-audited-transaction.js';
import type { DatasetDeps } from '../datasets.js';
import { insertRecords, lockDatasetForWrite, validateRecords, type WritableDataset } from '../record-writes.js';
import { MAX_RECORD_BYTES } from '../validate-record.js';
import { csvRows } from './csv-rows.js';
import { jsonlRows } from './jsonl-rows.js';
import type { SourceRow } from './source-row.js';

export type ImportFormat = 'jsonl' | 'csv';
export type OnError = 'continue' | 'stop';

export type RowError = { row: number; field: string | null; message: string };

export type ImportReport = {
  format: ImportFormat;
  onError: OnError;
  /** Rows read (blank lines not counted). */
  rows: number;
  imported: number;
  failed: number;
  /** onError=stop met an error (nothing was written), or the file could not be read to its end. */
  stopped: boolean;
  /** The first MAX_REPORTED_ERRORS row errors, in file order. */
  errors: RowError[];
  errorsTruncated: boolean;
};

/**
 * How a caller follows an import (server/src/datasets/imports records it as a DatasetImport row).
 * The report passed is the live one: read it, do not keep or change it.
 */
export type ImportHooks = {
  /**
   * Inside every transaction that commits rows, after they are written: once per batch with
   * onError=continue, once at the end with onError=stop (`final`). What it writes commits with them.
   */
  onCommit?(tx: SqlSession, report: Readonly<ImportReport>, final: boolean): Promise<void>;
  /** After each batch was read and validated (its rows may not be committed yet with onError=stop). */
  onProgress?(report: Readonly<ImportReport>): Promise<void> | void;
};

const BATCH_ROWS = 500;
const MAX_REPORTED_ERRORS = 1000;
/** A row may be a little larger as text than as stored JSON (CSV quoting, whitespace). */
export const MAX_IMPORT_ROW_BYTES = MAX_RECORD_BYTES + 64 * 1024;

/** What to import, wherever the stream comes from (HTTP upload, CLI file). */
export type ImportInput = {
  datasetId: string;
  body: AsyncIterable<Buffer | string>;
  format: ImportFormat;
  onError: OnError;
};

/**
 * Imports a JSONL or CSV stream into a dataset through the one record write path.
 * - onError=continue: each batch of valid rows commits on its own; bad rows are reported and skipped.
 * - onError=stop: all or nothing, in one transaction: the first bad row stops the import and
 *   nothing of it is written.
 * Memory stays bounded by one batch, whatever the file size.
 */
export const importRecords = async (
  deps: DatasetDeps,
  principal: Pick<Principal, 'projectId'>,
  actor: Actor,
  input: ImportInput & { hooks?: ImportHooks },
): Promise<ImportReport> => {
  // NOT_FOUND (other project, unknown id) before a byte of the body is read.
  const { fields } = await deps.sql.transaction((tx) => lockDatasetForWrite(tx, principal.projectId, input.datasetId));
  const report: ImportReport = {
    format: input.format,
    onError: input.onError,
    rows: 0,
    imported: 0,
    failed: 0,
    stopped: false,
    errors: [],
    errorsTruncated: false,
  };
  const rows: AsyncGenerator<SourceRow> =
    input.format === 'jsonl' ? jsonlRows(input.body, MAX_IMPORT_ROW_BYTES) : csvRows(input.body, fields, MAX_IMPORT_ROW_BYTES);

  /** Validates one batch, reports its bad rows and writes its good ones; false when the import must stop. */
  const writeBatch = async (tx: SqlSession, dataset: WritableDataset, batch: SourceRow[]): Promise<boolean> => {
    const readable = batch.filter((row) => row.error === undefined);
    const { valid, issues } = validateRecords(
      dataset,
      readable.map((row) => row.value),
    );
    const bad = new Map<number, RowError[]>();
    for (const row of batch) if (row.error) bad.set(row.row, [{ row: row.row, ...row.error }]);
    for (const issue of issues) {
      const row = (readable[issue.index] as SourceRow).row;
      bad.set(row, [...(bad.get(row) ?? []), { row, field: issue.field, message: issue.message }]);
    }
    for (const row of [...bad.keys()].sort((a, b) => a - b)) {
      for (const error of bad.get(row) ?? []) {
        if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(error);
        else report.errorsTruncated = true;
      }
      report.failed++;
    }
    if (bad.size > 0 && input.onError === 'stop') return false;
    if (valid.length > 0) {
      await insertRecords(
        tx,
        actor,
        dataset,
        valid.map((row) => row.data),
      );
      report.imported += valid.length;
    }
    return !batch.some((row) => row.error && 'fatal' in row && row.fatal);
  };

  const audit = (dataset: WritableDataset, imported: number) =>
    imported === 0
      ? []
      : [
          {
            action: 'dataset.records.import',
            entityType: 'Dataset',
            entityId: dataset.id,
            projectId: dataset.projectId,
            summary: { format: input.format, count: imported },
          },
        ];

  const readBatch = async (): Promise<SourceRow[]> => {
    const batch: SourceRow[] = [];
    while (batch.length < BATCH_ROWS) {
      const next = await rows.next();
      if (next.done) break;
      if (next.value.row > 0) report.rows++;
      batch.push(next.value);
      if (next.value.error && next.value.fatal) break;
    }
    return batch;
  };

  if (input.onError === 'stop') {
    class Stop extends Error {}
    try {
      await sqlAuditedTransaction(deps, actor, async (tx) => {
        const dataset = await lockDatasetForWrite(tx, principal.projectId, input.datasetId);
        for (;;) {
          const batch = await readBatch();
          if (batch.length === 0) break;
          const go = await writeBatch(tx, dataset, batch);
          await input.hooks?.onProgress?.(report);
          if (!go) throw new Stop();
        }
        await input.hooks?.onCommit?.(tx, report, true);
        return { result: null, audit: audit(dataset, report.imported) };
      });
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
      report.stopped = true;
      report.imported = 0;
    }
  } else {
    for (;;) {
      const batch = await readBatch();
      if (batch.length === 0) break;
      const go = await sqlAuditedTransaction(deps, actor, async (tx) => {
        const dataset = await lockDatasetForWrite(tx, principal.projectId, input.datasetId);
        const before = report.imported;
        const result = await writeBatch(tx, dataset, batch);
        await input.hooks?.onCommit?.(tx, report, false);
        return { result, audit: audit(dataset, report.imported - before) };
      });
      await input.hooks?.onProgress?.(report);
      if (!go) {
        report.stopped = true;
        break;
      }
    }
  }
  await rows.return(undefined);
  return report;
};
