import type { SqlSession } from '../db/sql-client.js';

/** What a reindex request touched: every dataset it covers, and how many rebuilds it newly queued. */
export type ReindexRequest = { datasetIds: string[]; queued: number };

/**
 * Queues a rebuild from Postgres of the search index of the project's datasets (all of them, or
 * those named), inside the caller's transaction. A dataset that already has a rebuild waiting
 * (not yet claimed by a worker) gets no second one: it would redo the same work. Index work of
 * these datasets that is backing off after a failure becomes due now, since the operator asked
 * for it now. Unknown or foreign dataset ids are ignored: the caller has checked them.
 */
export const requestReindex = async (
  tx: SqlSession,
  projectId: string,
  datasetIds: readonly string[] | null,
): Promise<ReindexRequest> => {
  const datasets = await tx.query<{ id: string }>(
    `SELECT id::text FROM "Dataset" WHERE "projectId" = $1::uuid AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) ORDER BY id`,
    [projectId, datasetIds],
  );
  const ids = datasets.map((dataset) => dataset.id);
  if (ids.length === 0) return { datasetIds: [], queued: 0 };
  await tx.query(
    `UPDATE "SearchOutbox" SET "availableAt" = now()
      WHERE "datasetId" = ANY($1::uuid[]) AND "availableAt" > now() AND ("leasedUntil" IS NULL OR "leasedUntil" <= now())`,
    [ids],
  );
  const queued = await tx.query<{ datasetId: string }>(
    `INSERT INTO "SearchOutbox" ("projectId", "datasetId", operation)
     SELECT $1::uuid, d.id, 'REINDEX_DATASET'::"SearchOutboxOperation" FROM unnest($2::uuid[]) AS d(id)
      WHERE NOT EXISTS (
        SELECT 1 FROM "SearchOutbox" o
         WHERE o."datasetId" = d.id AND o.operation = 'REINDEX_DATASET'
           AND (o."leasedUntil" IS NULL OR o."leasedUntil" <= now())
      )
     RETURNING "datasetId"::text AS "datasetId"`,
    [projectId, ids],
  );
  return { datasetIds: ids, queued: queued.length };
};
