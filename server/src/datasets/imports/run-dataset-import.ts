import type { Actor, Principal } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';
import type { DatasetDeps } from '../datasets.js';
import { actorLabel, lockDatasetForWrite } from '../record-writes.js';
import {
  type ImportFormat,
  type ImportInput,
  type ImportReport,
  importRecords,
  type OnError,
  type RowError,
} from '../transfer/import-records.js';
import { uuidv7 } from '../uuid-v7.js';
import { importProgressPublisher } from './import-progress-publisher.js';
import {
  type DatasetImportStatus,
  finishImportRow,
  insertImportRow,
  touchImportHeartbeat,
  updateImportCounters,
} from './import-rows.js';
import { IMPORT_HEARTBEAT_MS } from './sweep-interrupted-imports.js';

export type DatasetImportDeps = DatasetDeps & {
  /**
   * The database serves other sessions while a transaction is open (PostgreSQL), so heartbeats can
   * be written beside an all-or-nothing import. Not on PGlite's single connection, where nothing
   * needs them: only one process opens it, and its sweep runs only at start.
   */
  concurrentSessions: boolean;
  onHeartbeatError?: (error: unknown) => void;
};

type EndStatus = Exclude<DatasetImportStatus, 'RUNNING'>;

export type DatasetImportOutcome = {
  importId: string;
  status: EndStatus;
  /** Why it FAILED or was CANCELLED; null when it SUCCEEDED (rejected rows included). */
  reason: string | null;
  report: ImportReport;
};

const emptyReport = (format: ImportFormat, onError: OnError): ImportReport => ({
  format,
  onError,
  rows: 0,
  imported: 0,
  failed: 0,
  stopped: false,
  errors: [],
  errorsTruncated: false,
});

const describeFirstError = (errors: readonly RowError[]) => {
  const [first] = errors;
  if (!first) return 'a row';
  return `row ${first.row}${first.field ? ` (${first.field})` : ''}`;
};

/** The status and reason of an import that ran to its end (or to its stop). */
const outcomeOf = (report: ImportReport): Pick<DatasetImportOutcome, 'status' | 'reason'> => {
  if (!report.stopped) return { status: 'SUCCEEDED', reason: null };
  if (report.onError === 'stop') {
    return {
      status: 'FAILED',
      reason: `onError=stop: ${describeFirstError(report.errors)} was rejected, so nothing was imported`,
    };
  }
  return {
    status: 'FAILED',
    reason: `the file could not be read past ${describeFirstError(report.errors.slice(-1))}; the ${report.imported} valid rows before it were imported`,
  };
};

/**
 * An import of a JSONL/CSV stream recorded as a DatasetImport: the row is created RUNNING (after
 * the dataset was found in the caller's project), its counters and first errors follow every
 * committed batch in that batch's transaction, progress goes out on pub/sub (throttled), and it
 * ends SUCCEEDED, FAILED (onError=stop hit a bad row, the file broke off, an error) or CANCELLED
 * (the upload was cut off). `onStarted` hears the id before the first row is read.
 */
export const runDatasetImport = async (
  deps: DatasetImportDeps,
  principal: Pick<Principal, 'projectId'>,
  actor: Actor,
  input: ImportInput & {
    /** True when the body ended because its sender went away: the import is CANCELLED, not FAILED. */
    cancelled?: () => boolean;
    onStarted?: (importId: string) => void;
    /** Each batch, unthrottled (the CLI's progress line). */
    onProgress?: (report: Readonly<ImportReport>) => void;
  },
): Promise<DatasetImportOutcome> => {
  const importId = uuidv7();
  const datasetId = await deps.sql.transaction(async (tx) => {
    const dataset = await lockDatasetForWrite(tx, principal.projectId, input.datasetId);
    await insertImportRow(tx, {
      id: importId,
      projectId: dataset.projectId,
      datasetId: dataset.id,
      format: input.format,
      onError: input.onError,
      createdBy: actorLabel(actor),
    });
    return dataset.id;
  });
  const publisher = importProgressPublisher(deps.pubsub, { projectId: principal.projectId, datasetId, importId });
  publisher.progress(emptyReport(input.format, input.onError));
  input.onStarted?.(importId);

  const heartbeat = deps.concurrentSessions
    ? setInterval(() => {
        touchImportHeartbeat(deps.sql, importId).catch((error: unknown) => deps.onHeartbeatError?.(error));
      }, IMPORT_HEARTBEAT_MS)
    : null;
  heartbeat?.unref();
  let recordedErrors = 0;
  let report: ImportReport | null = null;
  let outcome: Pick<DatasetImportOutcome, 'status' | 'reason'>;
  try {
    report = await importRecords(deps, principal, actor, {
      datasetId,
      body: input.body,
      format: input.format,
      onError: input.onError,
      hooks: {
        onCommit: async (tx, live, final) => {
          if (final) {
            await finishImportRow(tx, importId, { status: 'SUCCEEDED', report: live, reason: null });
            return;
          }
          await updateImportCounters(tx, importId, live, live.errors.slice(recordedErrors));
          recordedErrors = live.errors.length;
        },
        onProgress: (live) => {
          publisher.progress(live);
          input.onProgress?.(live);
        },
      },
    });
    outcome = outcomeOf(report);
  } catch (error) {
    const partial = report ?? emptyReport(input.format, input.onError);
    if (input.cancelled?.()) {
      outcome = { status: 'CANCELLED', reason: 'the upload was cut off before the end of the file (the client went away)' };
    } else {
      outcome = {
        status: 'FAILED',
        reason: error instanceof AppError ? error.message : 'an internal error stopped it (the server log has the details)',
      };
    }
    // Committed batches stay (onError=continue); the row says how many from its last counters.
    await deps.sql
      .query(
        `UPDATE "DatasetImport" SET status = $2::"DatasetImportStatus", "failureReason" = $3, "finishedAt" = now()
         WHERE id = $1::uuid AND status = 'RUNNING'`,
        [importId, outcome.status, outcome.reason],
      )
      .catch(() => {});
    const [row] = await deps.sql
      .query<{ rowsRead: number; rowsImported: number; rowsRejected: number }>(
        `SELECT "rowsRead", "rowsImported", "rowsRejected" FROM "DatasetImport" WHERE id = $1::uuid`,
        [importId],
      )
      .catch(() => []);
    publisher.finished(outcome.status, {
      rows: row?.rowsRead ?? partial.rows,
      imported: row?.rowsImported ?? partial.imported,
      failed: row?.rowsRejected ?? partial.failed,
    });
    throw error;
  } finally {
    if (heartbeat) clearInterval(heartbeat);
  }
  // With onError=stop a success was recorded in the import's own transaction; this is then a no-op.
  await finishImportRow(deps.sql, importId, { ...outcome, report });
  publisher.finished(outcome.status, report);
  return { importId, status: outcome.status, reason: outcome.reason, report };
};
