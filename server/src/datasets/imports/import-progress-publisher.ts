import type { AppPubSub } from '../../pubsub/create-pubsub.js';
import type { DatasetImportProgressEvent } from '../../pubsub/events.js';
import type { ImportReport } from '../transfer/import-records.js';
import type { DatasetImportStatus } from './import-rows.js';

/** Progress events of one import are at least this far apart; the first and the last always go out. */
export const PROGRESS_INTERVAL_MS = 250;

/**
 * Publishes an import's progress on the pub/sub seam, throttled so a fast import of 100k rows
 * sends a few dozen events, not hundreds. Nothing to do without pub/sub (the CLI without Redis).
 */
export const importProgressPublisher = (
  pubsub: AppPubSub | null,
  target: { projectId: string; datasetId: string; importId: string },
  now: () => number = Date.now,
) => {
  let last = Number.NEGATIVE_INFINITY;
  const publish = (status: DatasetImportStatus, report: Pick<ImportReport, 'rows' | 'imported' | 'failed'>) => {
    const event: DatasetImportProgressEvent = {
      importId: target.importId,
      datasetId: target.datasetId,
      status,
      rowsRead: report.rows,
      rowsImported: report.imported,
      rowsRejected: report.failed,
    };
    pubsub?.publish('datasetImportProgress', target.projectId, event);
  };
  return {
    /** While RUNNING: sends unless the previous event went out less than PROGRESS_INTERVAL_MS ago. */
    progress(report: Pick<ImportReport, 'rows' | 'imported' | 'failed'>) {
      const at = now();
      if (at - last < PROGRESS_INTERVAL_MS) return;
      last = at;
      publish('RUNNING', report);
    },
    /** The final event, always sent. */
    finished(status: Exclude<DatasetImportStatus, 'RUNNING'>, report: Pick<ImportReport, 'rows' | 'imported' | 'failed'>) {
      publish(status, report);
    },
  };
};
