import { Meilisearch } from 'meilisearch';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parseDatasetFields } from '../server/src/datasets/dataset-fields.js';
import { deleteRecords, insertRecords, lockDatasetForWrite, updateRecords } from '../server/src/datasets/record-writes.js';
import { createDatasetIndexer } from '../server/src/search/dataset-indexer.js';
import { noEmbeddings } from '../server/src/search/embeddings.js';
import { readIndexLag } from '../server/src/search/index-lag.js';
import { indexUidOf } from '../server/src/search/index-settings.js';
import { externalSearch } from '../server/src/search/search-backend.js';
import { drainSearchOutboxOnce, type SearchWorkerDeps } from '../server/src/search/search-worker.js';
import { useMeilisearch } from './support/meilisearch.js';
import { useProjectDatabase } from './support/test-database.js';

const actor = { apiKeyId: null };
const logger = pino({ level: process.env.AGENTLOOP_TEST_LOG_LEVEL ?? 'silent' });

describe('search outbox drainer (real Meilisearch, real database)', () => {
  const meili = useMeilisearch();
  const ctx = useProjectDatabase();

  const setup = () => {
    const deps: SearchWorkerDeps = {
      sql: ctx.db.sql,
      search: externalSearch(meili.host, meili.masterKey),
      embedders: noEmbeddings,
      logger,
    };
    const indexer = createDatasetIndexer({
      sql: ctx.db.sql,
      client: () => deps.search.client(),
      embedders: noEmbeddings,
      logger,
      taskTimeoutMs: 20_000,
    });
    const drain = async () => {
      let total = 0;
      for (let n = await drainSearchOutboxOnce(deps, indexer); n > 0; n = await drainSearchOutboxOnce(deps, indexer)) total += n;
      return total;
    };
    return { drain, client: new Meilisearch({ host: meili.host, apiKey: meili.masterKey }) };
  };

  const newDataset = async () => {
    const dataset = await ctx.db.prisma.dataset.create({
      data: {
        projectId: ctx.projectId,
        name: `ds-${Math.random()}`,
        fields: parseDatasetFields([
          { name: 'question', type: 'text', required: true },
          { name: 'score', type: 'long' },
          { name: 'meta', type: 'json', jsonKeys: ['lang'] },
        ]),
      },
    });
    return ctx.db.sql.transaction((tx) => lockDatasetForWrite(tx, ctx.projectId, dataset.id));
  };

  it('mirrors inserts, updates and deletes, then empties the outbox', async () => {
    const { drain, client } = setup();
    const dataset = await newDataset();
    const [a, b] = await ctx.db.sql.transaction((tx) =>
      insertRecords(tx, actor, dataset, [
        { question: 'How do I reset my password?', score: 3, meta: { lang: 'en', secret: 'not indexed' } },
        { question: 'Where is the invoice?', score: 5 },
      ]),
    );
    if (!a || !b) throw new Error('unreachable');
    await ctx.db.sql.transaction((tx) =>
      updateRecords(tx, actor, dataset, [{ id: a.id, data: { score: 4 } }], { mode: 'merge' }),
    );
    await ctx.db.sql.transaction((tx) => deleteRecords(tx, actor, dataset, [b.id]));
    expect(await drain()).toBe(4);
    expect((await readIndexLag(ctx.db.sql)).pending).toBe(0);

    const index = client.index(indexUidOf(dataset.id));
    const { results } = await index.getDocuments({ limit: 10 });
    expect(results).toEqual([
      {
        id: a.id,
        projectId: ctx.projectId,
        datasetId: dataset.id,
        'f.question': 'How do I reset my password?',
        'f.score': 4,
        'f.meta.lang': 'en',
      },
    ]);
    const settings = await index.getSettings();
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['projectId', 'datasetId', 'f.score', 'f.meta.lang']));
  });

  it('keeps writes working while Meilisearch is down and catches up after it returns', async () => {
    const { drain, client } = setup();
    const dataset = await newDataset();
    await meili.stop();
    try {
      const written = await ctx.db.sql.transaction((tx) =>
        insertRecords(tx, actor, dataset, [{ question: 'written during the outage', score: 1 }]),
      );
      expect(written).toHaveLength(1);
      // The claimed batch fails and is put back with backoff; nothing is lost.
      await drainSearchOutboxOnce(
        { sql: ctx.db.sql, search: externalSearch(meili.host, meili.masterKey), embedders: noEmbeddings, logger },
        createDatasetIndexer({
          sql: ctx.db.sql,
          client: () => externalSearch(meili.host, meili.masterKey).client(),
          embedders: noEmbeddings,
          logger,
        }),
      );
      const lag = await readIndexLag(ctx.db.sql);
      expect(lag).toMatchObject({ pending: 1, failing: 1 });
      const [row] = await ctx.db.prisma.searchOutbox.findMany({ where: { datasetId: dataset.id } });
      expect(row?.lastError).toBeTruthy();
      expect(row?.leasedUntil).toBeNull();
    } finally {
      await meili.start();
    }
    // Due again after its backoff (2 s).
    await ctx.db.sql.query(`UPDATE "SearchOutbox" SET "availableAt" = now() WHERE "datasetId" = $1::uuid`, [dataset.id]);
    expect(await drain()).toBe(1);
    const hits = await client.index(indexUidOf(dataset.id)).search('outage');
    expect(hits.hits.map((hit) => hit['f.question'])).toEqual(['written during the outage']);
  });

  it('rebuilds an index from Postgres and drops it with the dataset', async () => {
    const { drain, client } = setup();
    const dataset = await newDataset();
    await ctx.db.sql.transaction((tx) =>
      insertRecords(
        tx,
        actor,
        dataset,
        Array.from({ length: 1500 }, (_, i) => ({ question: `question ${i}`, score: i })),
      ),
    );
    await drain();
    const uid = indexUidOf(dataset.id);
    // Someone wipes a document behind our back; the rebuild restores it from Postgres.
    await client.index(uid).deleteAllDocuments().waitTask();
    await ctx.db.sql.query(
      `INSERT INTO "SearchOutbox" ("projectId", "datasetId", operation) VALUES ($1::uuid, $2::uuid, 'REINDEX_DATASET')`,
      [ctx.projectId, dataset.id],
    );
    await drain();
    expect((await client.index(uid).getStats()).numberOfDocuments).toBe(1500);
    await ctx.db.prisma.dataset.delete({ where: { id: dataset.id } });
    await ctx.db.sql.query(
      `INSERT INTO "SearchOutbox" ("projectId", "datasetId", operation) VALUES ($1::uuid, $2::uuid, 'DROP_DATASET')`,
      [ctx.projectId, dataset.id],
    );
    await drain();
    const { results } = await client.getIndexes({ limit: 1000 });
    expect(results.map((index) => index.uid)).not.toContain(uid);
  });
});
