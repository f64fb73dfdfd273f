import type { EnqueuedTaskPromise, Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import { type DatasetField, storedFields } from '../datasets/dataset-fields.js';
import type { SqlSession } from '../db/sql-client.js';
import type { EmbedderResolver } from './embeddings.js';
import { dimensionsOf, indexUidOf, rebuildUidOf, settingsFor } from './index-settings.js';
import { meilisearchErrorCode } from './meilisearch-http-client.js';
import { buildSearchDocument, embeddingTexts } from './search-document.js';
import { settleTask } from './settle-task.js';

/** A dataset as the indexer reads it from Postgres. */
export type IndexedDataset = { id: string; projectId: string; fields: DatasetField[]; embeddingServiceId: string | null };

export const loadIndexedDataset = async (sql: SqlSession, datasetId: string): Promise<IndexedDataset | null> => {
  const [row] = await sql.query<{ id: string; projectId: string; fields: unknown; embeddingServiceId: string | null }>(
    `SELECT id::text, "projectId"::text AS "projectId", fields, "embeddingServiceId"::text AS "embeddingServiceId"
       FROM "Dataset" WHERE id = $1::uuid`,
    [datasetId],
  );
  return row ? { ...row, fields: storedFields(row.fields) } : null;
};

type RecordRow = { id: string; data: Record<string, unknown> };

export type IndexerDeps = {
  sql: SqlSession;
  /** The Meilisearch client; throws UnavailableError while there is none. */
  client: () => Meilisearch;
  embedders: EmbedderResolver;
  logger: Logger;
  /** How long to wait for one Meilisearch task (a large batch or a settings change). */
  taskTimeoutMs?: number;
};

/** What an indexing step could not do, though the index took everything else. */
export type IndexOutcome = { embeddingError: string | null };

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Records per page while rebuilding, and per embeddings request batch. */
const REBUILD_PAGE = 1000;

/**
 * Mirrors datasets into Meilisearch (one index per dataset, see index-settings.ts). Every step reads
 * the current state from Postgres, so it is idempotent and can be retried or repeated at will.
 */
export const createDatasetIndexer = (deps: IndexerDeps) => {
  const timeout = deps.taskTimeoutMs ?? 120_000;
  /** Per index: the settings last applied and the vector sizes they declare (saves a round trip per batch). */
  const applied = new Map<string, { json: string; dimensions: Map<string, number> }>();

  const wait = async (enqueued: EnqueuedTaskPromise, what: string) => {
    const task = await settleTask(deps.client(), enqueued, timeout);
    if (task.status !== 'succeeded') {
      throw new Error(`Meilisearch could not ${what}: ${task.error?.message ?? task.status}`);
    }
    return task;
  };

  /** Deletes an index and waits for it; an index that is not there is fine. */
  const deleteIndex = async (uid: string) => {
    const client = deps.client();
    const task = await settleTask(client, client.deleteIndex(uid), timeout);
    applied.delete(uid);
    if (task.status !== 'succeeded' && task.error?.code !== 'index_not_found') {
      throw new Error(`Meilisearch could not delete index ${uid}: ${task.error?.message ?? task.status}`);
    }
  };

  /** Creates the index if needed and applies the dataset's settings. */
  const ensureIndex = async (uid: string, dataset: IndexedDataset, fresh: ReadonlyMap<string, number>) => {
    const client = deps.client();
    let known = applied.get(uid);
    if (!known) {
      let dimensions = new Map<string, number>();
      try {
        dimensions = dimensionsOf(await client.index(uid).getSettings());
      } catch (error) {
        if (meilisearchErrorCode(error) !== 'index_not_found') throw error;
        await wait(client.createIndex(uid, { primaryKey: 'id' }), `create index ${uid}`);
      }
      known = { json: '', dimensions };
    }
    const dimensions = new Map([...known.dimensions, ...fresh]);
    const settings = settingsFor(dataset.fields, dimensions);
    const json = JSON.stringify(settings);
    if (json !== known.json) {
      await wait(client.index(uid).updateSettings(settings), `update the settings of ${uid}`);
    }
    applied.set(uid, { json, dimensions });
  };

  /**
   * Embeds the records' embedding fields in one call to the dataset's model service. No service
   * configured is not an error (semantic search says what to configure); a failing one is, and
   * leaves the records without vectors, searchable by full text, until a retry succeeds.
   */
  const embed = async (dataset: IndexedDataset, records: readonly RecordRow[]) => {
    const vectors = new Map<string, Map<string, number[]>>();
    const fresh = new Map<string, number>();
    const jobs = records.flatMap((record) =>
      [...embeddingTexts(dataset.fields, record.data)].map(([embedder, text]) => ({ record: record.id, embedder, text })),
    );
    if (jobs.length === 0) return { vectors, fresh, error: null };
    const resolved = await deps.embedders({
      projectId: dataset.projectId,
      datasetId: dataset.id,
      embeddingServiceId: dataset.embeddingServiceId,
    });
    if (!resolved.ok) return { vectors, fresh, error: null };
    try {
      const result = await resolved.embedder.embedDocuments(jobs.map((job) => job.text));
      if (result.length !== jobs.length) throw new Error(`asked for ${jobs.length} embeddings, got ${result.length}`);
      jobs.forEach((job, index) => {
        const vector = result[index] ?? [];
        if (vector.length === 0 || !vector.every(Number.isFinite))
          throw new Error('the model returned an empty or non-numeric vector');
        const size = fresh.get(job.embedder);
        if (size !== undefined && size !== vector.length)
          throw new Error(`the model returned vectors of ${size} and ${vector.length} dimensions`);
        fresh.set(job.embedder, vector.length);
        const perRecord = vectors.get(job.record) ?? new Map<string, number[]>();
        perRecord.set(job.embedder, vector);
        vectors.set(job.record, perRecord);
      });
      return { vectors, fresh, error: null };
    } catch (error) {
      deps.logger.warn(
        { err: error, datasetId: dataset.id },
        'embedding failed; records are indexed for full text only until a retry',
      );
      return {
        vectors: new Map<string, Map<string, number[]>>(),
        fresh: new Map<string, number>(),
        error: `embedding model service ${resolved.serviceId}: ${describe(error)}`,
      };
    }
  };

  /** Writes one page of records into an index (settings first, so vectors fit their embedder). */
  const writeRecords = async (uid: string, dataset: IndexedDataset, records: readonly RecordRow[]): Promise<IndexOutcome> => {
    if (records.length === 0) return { embeddingError: null };
    const { vectors, fresh, error } = await embed(dataset, records);
    await ensureIndex(uid, dataset, fresh);
    const documents = records.map((record) => buildSearchDocument(dataset, record, vectors.get(record.id)));
    await wait(deps.client().index(uid).addDocuments(documents), `index ${documents.length} records of ${uid}`);
    return { embeddingError: error };
  };

  return {
    /** Brings these records' documents in line with Postgres: upserts those that exist, deletes the others. */
    sync: async (dataset: IndexedDataset, recordIds: readonly string[]): Promise<IndexOutcome> => {
      const uid = indexUidOf(dataset.id);
      const records = await deps.sql.query<RecordRow>(
        `SELECT id::text, data FROM "DatasetRecord" WHERE "datasetId" = $1::uuid AND "projectId" = $2::uuid AND id = ANY($3::uuid[])`,
        [dataset.id, dataset.projectId, recordIds],
      );
      const outcome = await writeRecords(uid, dataset, records);
      const present = new Set(records.map((record) => record.id));
      const gone = recordIds.filter((id) => !present.has(id));
      if (gone.length > 0) {
        await ensureIndex(uid, dataset, new Map());
        await wait(deps.client().index(uid).deleteDocuments(gone), `delete ${gone.length} records of ${uid}`);
      }
      return outcome;
    },

    /**
     * Rebuilds the dataset's index from Postgres into a fresh index and swaps it in, so searches keep
     * answering from the old one meanwhile. `heartbeat` runs after every page (lease renewal).
     */
    rebuild: async (dataset: IndexedDataset, heartbeat: () => Promise<void>): Promise<IndexOutcome> => {
      const uid = indexUidOf(dataset.id);
      const next = rebuildUidOf(dataset.id);
      const client = deps.client();
      await deleteIndex(next);
      await wait(client.createIndex(next, { primaryKey: 'id' }), `create index ${next}`);
      await ensureIndex(next, dataset, new Map());
      let embeddingError: string | null = null;
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const page = await deps.sql.query<RecordRow>(
          `SELECT id::text, data FROM "DatasetRecord" WHERE "datasetId" = $1::uuid AND "projectId" = $2::uuid AND id > $3::uuid
           ORDER BY id LIMIT ${REBUILD_PAGE}`,
          [dataset.id, dataset.projectId, after],
        );
        if (page.length === 0) break;
        const outcome = await writeRecords(next, dataset, page);
        embeddingError ??= outcome.embeddingError;
        after = page[page.length - 1]?.id ?? after;
        await heartbeat();
        if (page.length < REBUILD_PAGE) break;
      }
      // The live index may have been lost behind our back (the reason for many a reindex): check
      // it afresh rather than trust what this process last applied, and create it if it is gone.
      applied.delete(uid);
      await ensureIndex(uid, dataset, new Map());
      await wait(client.swapIndexes([{ indexes: [uid, next], rename: false }]), `swap ${next} into ${uid}`);
      await deleteIndex(next);
      // The swap moved settings along with documents: learn them again on next use.
      applied.delete(uid);
      return { embeddingError };
    },

    /** The dataset is gone: so is its index. */
    drop: async (datasetId: string) => {
      await deleteIndex(indexUidOf(datasetId));
      await deleteIndex(rebuildUidOf(datasetId));
    },
  };
};

export type DatasetIndexer = ReturnType<typeof createDatasetIndexer>;
