import type { SqlClient } from '../../db/sql-client.js';
import { computeCost } from '../cost/compute-cost.js';
import { resolvePrices } from '../cost/resolve-prices.js';
import { refreshTraces } from '../refresh-traces.js';

const PAGE = 2_000;

type CostRow = {
  id: string;
  traceId: string;
  kind: 'LLM' | 'EMBEDDING';
  model: string | null;
  requestModel: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  startTime: Date;
  cost: string | null;
};

export type RecomputeResult = { spansExamined: number; spansChanged: number; tracesRefreshed: number };

/**
 * Prices the project's model-call spans in [from, to) again with its current price table (after a
 * price change), with exactly the function ingestion uses, and refreshes the affected traces.
 * Pages through spans by id, one transaction per page, so a large range never holds long locks.
 */
export const recomputeCosts = async (
  sql: SqlClient,
  projectId: string,
  range: { from: Date; to: Date },
): Promise<RecomputeResult> => {
  const prices = await resolvePrices(sql, projectId);
  const result: RecomputeResult = { spansExamined: 0, spansChanged: 0, tracesRefreshed: 0 };
  const refreshed = new Set<string>();
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await sql.query<CostRow>(
      `SELECT id, "traceId", kind, model, "requestModel", "inputTokens", "outputTokens", "cachedTokens", "startTime", cost::text AS cost
       FROM "Span" WHERE "projectId" = $1 AND kind IN ('LLM', 'EMBEDDING') AND "startTime" >= $2 AND "startTime" < $3 AND id > $4
       ORDER BY id LIMIT ${PAGE}`,
      [projectId, range.from.toISOString(), range.to.toISOString(), after],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]?.id ?? after;
    result.spansExamined += rows.length;
    const changed = rows
      .map((row) => ({ row, cost: computeCost(prices, { ...row, startTime: new Date(row.startTime) }) }))
      .filter(({ row, cost }) => (row.cost === null ? cost !== null : cost === null || Number(row.cost) !== cost));
    if (changed.length > 0) {
      const traceIds = [...new Set(changed.map(({ row }) => row.traceId))];
      await sql.transaction(async (tx) => {
        await tx.query(
          `UPDATE "Span" s SET cost = v.cost FROM unnest($2::uuid[], $3::numeric[]) AS v(id, cost)
           WHERE s.id = v.id AND s."projectId" = $1`,
          [projectId, changed.map(({ row }) => row.id), changed.map(({ cost }) => cost)],
        );
        await refreshTraces(tx, projectId, traceIds);
      });
      result.spansChanged += changed.length;
      for (const traceId of traceIds) refreshed.add(traceId);
    }
    if (rows.length < PAGE) break;
  }
  return { ...result, tracesRefreshed: refreshed.size };
};
