import type { SqlClient } from '../../db/sql-client.js';
import { DEFAULT_PRICES, type DefaultPrice } from './default-prices.js';

// Any constant works; it only has to be the same for every instance that seeds.
const SEED_LOCK = 7_301_733_041;

/**
 * Makes the projectId-null ModelPrice rows match DEFAULT_PRICES: missing rows are inserted,
 * changed amounts updated, keyed by (pattern, effectiveFrom). Idempotent, and serialised by an
 * advisory lock so instances starting together do not insert twice (the table has no unique key
 * on these columns because project rows may repeat them).
 */
export const seedDefaultPrices = async (sql: SqlClient, prices: readonly DefaultPrice[] = DEFAULT_PRICES) => {
  const columns = [
    prices.map((p) => p.modelPattern),
    prices.map((p) => p.input),
    prices.map((p) => p.output),
    prices.map((p) => p.cachedInput),
    prices.map((p) => p.effectiveFrom),
  ];
  const rows = `unnest($1::text[], $2::numeric[], $3::numeric[], $4::numeric[], $5::timestamptz[]) AS d(pattern, input, output, cached, effective)`;
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    await tx.query(
      `UPDATE "ModelPrice" m SET "inputPerMillion" = d.input, "outputPerMillion" = d.output, "cachedInputPerMillion" = d.cached
       FROM ${rows}
       WHERE m."projectId" IS NULL AND m."modelPattern" = d.pattern AND m."effectiveFrom" = d.effective
         AND (m."inputPerMillion", m."outputPerMillion", m."cachedInputPerMillion") IS DISTINCT FROM (d.input, d.output, d.cached)`,
      columns,
    );
    await tx.query(
      `INSERT INTO "ModelPrice" ("projectId", "modelPattern", "inputPerMillion", "outputPerMillion", "cachedInputPerMillion", "effectiveFrom")
       SELECT NULL, d.pattern, d.input, d.output, d.cached, d.effective FROM ${rows}
       WHERE NOT EXISTS (SELECT 1 FROM "ModelPrice" m
                         WHERE m."projectId" IS NULL AND m."modelPattern" = d.pattern AND m."effectiveFrom" = d.effective)`,
      columns,
    );
  });
};
