import type { SqlClient } from '../db/sql-client.js';

export type OutboxOperation = 'UPSERT' | 'DELETE' | 'REINDEX_DATASET' | 'DROP_DATASET';

export type OutboxRow = {
  id: string;
  projectId: string;
  datasetId: string;
  recordId: string | null;
  operation: OutboxOperation;
  attempts: number;
};

/** A constant advisory-lock key: claims are serialised across processes (they take milliseconds). */
const CLAIM_LOCK = 48_151_623;

/**
 * Leases up to `limit` due rows of ONE dataset that no other worker holds, for `leaseSeconds`.
 * One dataset at a time, so two workers never apply the same record's states out of order: each
 * reads the record's current state after its lease, and the next lease of that dataset starts
 * only when this one ends. A short transaction; the work itself runs outside it (PGlite has one
 * connection, and a worker waiting on Meilisearch must not hold it). Rows of a crashed worker
 * become claimable again when their lease passes.
 */
export const claimOutboxBatch = (
  sql: SqlClient,
  limit: number,
  leaseSeconds: number,
  /** Only rows of these datasets (the CLI's reindex drains just what it asked for); null: any. */
  datasetIds: readonly string[] | null = null,
): Promise<OutboxRow[]> =>
  sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK]);
    return tx.query<OutboxRow>(
      `WITH pick AS (
         SELECT o."datasetId" FROM "SearchOutbox" o
         WHERE o."availableAt" <= now() AND (o."leasedUntil" IS NULL OR o."leasedUntil" <= now())
           AND NOT EXISTS (
             SELECT 1 FROM "SearchOutbox" b WHERE b."datasetId" = o."datasetId" AND b."leasedUntil" > now()
           )
           AND ($3::uuid[] IS NULL OR o."datasetId" = ANY($3::uuid[]))
         ORDER BY o.id LIMIT 1
       )
       UPDATE "SearchOutbox" SET "leasedUntil" = now() + make_interval(secs => $2)
       WHERE id IN (
         SELECT id FROM "SearchOutbox"
         WHERE "datasetId" = (SELECT "datasetId" FROM pick) AND "availableAt" <= now()
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       RETURNING id::text, "projectId"::text AS "projectId", "datasetId"::text AS "datasetId",
                 "recordId"::text AS "recordId", operation::text AS operation, attempts`,
      [limit, leaseSeconds, datasetIds],
    );
  });

/** Keeps a long job's lease (a reindex of a large dataset) from running out under it. */
export const renewLease = async (sql: SqlClient, ids: readonly string[], leaseSeconds: number) => {
  await sql.query(`UPDATE "SearchOutbox" SET "leasedUntil" = now() + make_interval(secs => $2) WHERE id = ANY($1::bigint[])`, [
    ids,
    leaseSeconds,
  ]);
};

/** Done: the index mirrors these rows' changes. */
export const completeOutboxRows = async (sql: SqlClient, ids: readonly string[]) => {
  if (ids.length === 0) return;
  await sql.query('DELETE FROM "SearchOutbox" WHERE id = ANY($1::bigint[])', [ids]);
};

/**
 * Not done: try again later. attempts counts up (readiness reports failing rows), lastError says
 * why, availableAt pushes the retry back (2 s, 4 s, 8 s … at most 5 minutes), and the lease is released.
 */
export const failOutboxRows = async (sql: SqlClient, ids: readonly string[], error: string) => {
  if (ids.length === 0) return;
  await sql.query(
    `UPDATE "SearchOutbox"
        SET attempts = attempts + 1, "lastError" = left($2, 2000), "leasedUntil" = NULL,
            "availableAt" = now() + make_interval(secs => least(power(2, attempts + 1), 300))
      WHERE id = ANY($1::bigint[])`,
    [ids, error],
  );
};
