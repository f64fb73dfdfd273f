import type { SqlSession } from '../db/sql-client.js';
import type { IndexLag } from '../http/readiness.js';

/**
 * How far search is behind Postgres: outbox rows not yet applied, the oldest one's age, and those
 * that have failed. Of every dataset (readiness) or of the datasets named (a reindex's progress).
 */
export const readIndexLag = async (sql: SqlSession, datasetIds: readonly string[] | null = null): Promise<IndexLag> => {
  const [row] = await sql.query<{ pending: number; oldest: number | null; failing: number }>(
    `SELECT count(*)::int AS pending,
            extract(epoch FROM now() - min("enqueuedAt"))::float8 AS oldest,
            count(*) FILTER (WHERE attempts > 0)::int AS failing
       FROM "SearchOutbox"
      WHERE $1::uuid[] IS NULL OR "datasetId" = ANY($1::uuid[])`,
    [datasetIds],
  );
  return {
    pending: row?.pending ?? 0,
    oldestPendingSeconds: row?.oldest === null || row?.oldest === undefined ? null : Math.round(row.oldest * 10) / 10,
    failing: row?.failing ?? 0,
  };
};
