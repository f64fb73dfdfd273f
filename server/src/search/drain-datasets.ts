import { createDatasetIndexer } from './dataset-indexer.js';
import { drainSearchOutboxOnce, type SearchWorkerDeps } from './search-worker.js';

/** How one dataset's rebuild ended: done, or failed with the outbox row's last error (retried later by a worker). */
export type DatasetDrainOutcome = { datasetId: string; ok: true } | { datasetId: string; ok: false; error: string };

type Watched = { id: string; datasetId: string; attempts: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Applies the pending index work of these datasets here and now (rebuilds included), instead of
 * waiting for a worker: what `agentloop search reindex` does after queueing, so it needs no
 * running server and exits when the indexes are rebuilt. Rows another worker has already claimed
 * are waited for, not taken (claims are leased per dataset). Each REINDEX_DATASET row present at
 * the start ends either applied (gone) or failed once more (its lastError is the outcome); a
 * failed row stays in the outbox for the workers' retry with backoff.
 */
export const drainDatasets = async (
  deps: SearchWorkerDeps,
  datasetIds: readonly string[],
  options: { pollMs?: number; taskTimeoutMs?: number } = {},
): Promise<DatasetDrainOutcome[]> => {
  if (datasetIds.length === 0) return [];
  const indexer = createDatasetIndexer({
    sql: deps.sql,
    client: () => deps.search.client(),
    embedders: deps.embedders,
    logger: deps.logger,
    taskTimeoutMs: options.taskTimeoutMs,
  });
  const watched = await deps.sql.query<Watched>(
    `SELECT id::text, "datasetId"::text AS "datasetId", attempts FROM "SearchOutbox"
      WHERE "datasetId" = ANY($1::uuid[]) AND operation = 'REINDEX_DATASET'`,
    [datasetIds],
  );
  const failures = new Map<string, string>();
  for (;;) {
    // A Meilisearch that is down fails the command at once, with its reason, rather than spinning.
    await deps.search.health();
    const handled = await drainSearchOutboxOnce(deps, indexer, { datasetIds });
    if (handled > 0) continue;
    const rows = await deps.sql.query<Watched & { lastError: string | null }>(
      `SELECT id::text, "datasetId"::text AS "datasetId", attempts, "lastError" FROM "SearchOutbox" WHERE id = ANY($1::bigint[])`,
      [watched.map((row) => row.id)],
    );
    const before = new Map(watched.map((row) => [row.id, row.attempts]));
    let waiting = false;
    for (const row of rows) {
      if (row.attempts > (before.get(row.id) ?? 0)) failures.set(row.datasetId, row.lastError ?? 'failed');
      else waiting = true;
    }
    if (!waiting) break;
    // Claimed by another worker (or not due yet): its lease ends with its work.
    await sleep(options.pollMs ?? 200);
  }
  return datasetIds.map((datasetId) => {
    const error = failures.get(datasetId);
    return error === undefined ? { datasetId, ok: true } : { datasetId, ok: false, error };
  });
};
