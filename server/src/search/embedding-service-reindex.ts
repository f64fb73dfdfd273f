/** Runs one SQL statement in the caller's transaction (raw SQL session or Prisma transaction). */
export type SqlExec = (sql: string, params: unknown[]) => Promise<unknown>;

/**
 * Queues a rebuild of the datasets whose vectors come from a model service that just appeared or
 * changed, so semantic search follows without a manual reindex: the datasets that chose it
 * (`serviceId`, null for none) and, when the project now has exactly one EMBEDDING service, those
 * that rely on the project's only one. Only datasets with an `embedding` field (the others' index
 * does not depend on it), and none that already has a rebuild waiting.
 */
export const reindexDatasetsUsingEmbeddings = async (exec: SqlExec, projectId: string, serviceId: string | null) => {
  await exec(
    `INSERT INTO "SearchOutbox" ("projectId", "datasetId", operation)
     SELECT d."projectId", d.id, 'REINDEX_DATASET'::"SearchOutboxOperation" FROM "Dataset" d
      WHERE d."projectId" = $1::uuid
        AND d.fields @> '[{"options": {"embedding": true}}]'::jsonb
        AND (
          d."embeddingServiceId" = $2::uuid
          OR (d."embeddingServiceId" IS NULL
              AND (SELECT count(*) FROM "ModelService" m WHERE m."projectId" = $1::uuid AND m.kind = 'EMBEDDING') = 1)
        )
        AND NOT EXISTS (
          SELECT 1 FROM "SearchOutbox" o
           WHERE o."datasetId" = d.id AND o.operation = 'REINDEX_DATASET'
             AND (o."leasedUntil" IS NULL OR o."leasedUntil" <= now())
        )`,
    [projectId, serviceId],
  );
};
