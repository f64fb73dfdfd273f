import type { SqlSession } from '../../db/sql-client.js';
import { type PriceTable, toPriceTable } from './model-price.js';

type PriceRow = {
  modelPattern: string;
  inputPerMillion: string;
  outputPerMillion: string;
  cachedInputPerMillion: string | null;
  effectiveFrom: Date | string;
  projectScoped: boolean;
};

/**
 * The prices that apply to a project: its own rows and the built-in defaults, compiled. Newest
 * created first: the price lookup sorts stably, so of two rows with the same start and pattern
 * length the one added last wins (two prices added without a start both start at the epoch).
 */
export const resolvePrices = async (sql: SqlSession, projectId: string): Promise<PriceTable> => {
  const rows = await sql.query<PriceRow>(
    `SELECT "modelPattern", "inputPerMillion"::text AS "inputPerMillion", "outputPerMillion"::text AS "outputPerMillion",
            "cachedInputPerMillion"::text AS "cachedInputPerMillion", "effectiveFrom", ("projectId" IS NOT NULL) AS "projectScoped"
     FROM "ModelPrice" WHERE "projectId" = $1 OR "projectId" IS NULL
     ORDER BY "createdAt" DESC, id DESC`,
    [projectId],
  );
  return toPriceTable(
    rows.map((row) => ({
      modelPattern: row.modelPattern,
      inputPerMillion: Number(row.inputPerMillion),
      outputPerMillion: Number(row.outputPerMillion),
      cachedInputPerMillion: row.cachedInputPerMillion === null ? null : Number(row.cachedInputPerMillion),
      effectiveFrom: new Date(row.effectiveFrom),
      projectScoped: row.projectScoped,
    })),
  );
};
