import type { Logger } from 'pino';
import type { SqlClient } from '../db/sql-client.js';
import { createDatasetIndexer, type DatasetIndexer, loadIndexedDataset } from './dataset-indexer.js';
import type { EmbedderResolver } from './embeddings.js';
import { claimOutboxBatch, completeOutboxRows, failOutboxRows, type OutboxRow, renewLease } from './outbox-claims.js';
import type { SearchBackend } from './search-backend.js';

export type SearchWorkerDeps = {
  sql: SqlClient;
  search: Pick<SearchBackend, 'client' | 'health'>;
  embedders: EmbedderResolver;
  logger: Logger;
};

export type SearchWorkerOptions = {
  /** Outbox rows per claim (all of one dataset). */
  batchSize?: number;
  /** How long a claim is held before another worker may take it over (renewed while a rebuild runs). */
  leaseSeconds?: number;
  /** Pause when there is nothing to do, or while Meilisearch is down. */
  idleMs?: number;
  /** Claim only rows of these datasets (a CLI reindex); default: any dataset. */
  datasetIds?: readonly string[] | null;
};

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Applies one claimed batch (all rows of one dataset): a dropped dataset loses its index, a
 * REINDEX_DATASET rebuilds it, otherwise the named records are synced. Rows are deleted only once
 * Meilisearch has finished the work; on any failure they are retried later with backoff.
 */
const applyBatch = async (deps: SearchWorkerDeps, indexer: DatasetIndexer, rows: OutboxRow[], leaseSeconds: number) => {
  const ids = rows.map((row) => row.id);
  const datasetId = rows[0]?.datasetId ?? '';
  const operations = new Set(rows.map((row) => row.operation));
  try {
    const dataset = await loadIndexedDataset(deps.sql, datasetId);
    if (!dataset || operations.has('DROP_DATASET')) {
      await indexer.drop(datasetId);
      await completeOutboxRows(deps.sql, ids);
      return;
    }
    const outcome = operations.has('REINDEX_DATASET')
      ? await indexer.rebuild(dataset, () => renewLease(deps.sql, ids, leaseSeconds))
      : await indexer.sync(dataset, [...new Set(rows.flatMap((row) => (row.recordId ? [row.recordId] : [])))]);
    if (outcome.embeddingError) {
      // Indexed for full text already; the retry adds the vectors.
      await failOutboxRows(deps.sql, ids, outcome.embeddingError);
    } else {
      await completeOutboxRows(deps.sql, ids);
    }
  } catch (error) {
    deps.logger.warn({ err: error, datasetId, rows: rows.length }, 'search indexing failed; will retry');
    await failOutboxRows(deps.sql, ids, describe(error));
  }
};

/**
 * One pass: claims a batch and applies it. Returns how many outbox rows it handled (0: nothing due).
 * Exported for tests and the CLI; the server runs it in a loop (startSearchWorker).
 */
export const drainSearchOutboxOnce = async (
  deps: SearchWorkerDeps,
  indexer: DatasetIndexer,
  options: SearchWorkerOptions = {},
): Promise<number> => {
  const leaseSeconds = options.leaseSeconds ?? 300;
  const rows = await claimOutboxBatch(deps.sql, options.batchSize ?? 500, leaseSeconds, options.datasetIds ?? null);
  if (rows.length === 0) return 0;
  await applyBatch(deps, indexer, rows, leaseSeconds);
  return rows.length;
};

export type SearchWorker = {
  /** Resolves once the outbox has nothing due (tests, benchmarks). */
  idle(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * The in-process search worker: drains the outbox while there is work, then polls. It never
 * claims while Meilisearch is unhealthy, so an outage costs index lag, not retry attempts, and
 * writes never wait for it. Several processes can run one each: claims are leased per dataset.
 */
export const startSearchWorker = (deps: SearchWorkerDeps, options: SearchWorkerOptions = {}): SearchWorker => {
  const indexer = createDatasetIndexer({
    sql: deps.sql,
    client: () => deps.search.client(),
    embedders: deps.embedders,
    logger: deps.logger,
  });
  const idleMs = options.idleMs ?? 500;
  let stopped = false;
  let wake: (() => void) | null = null;
  let idleWaiters: (() => void)[] = [];
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopped) {
      let handled = 0;
      try {
        await deps.search.health();
        handled = await drainSearchOutboxOnce(deps, indexer, options);
      } catch (error) {
        deps.logger.debug({ err: error }, 'search worker waits: Meilisearch or the database is unavailable');
      }
      if (handled === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
        if (!stopped) await sleep(idleMs);
      }
    }
  })();

  return {
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake?.();
      }),
    stop: async () => {
      stopped = true;
      wake?.();
      await loop;
      for (const resolve of idleWaiters) resolve();
    },
  };
};
