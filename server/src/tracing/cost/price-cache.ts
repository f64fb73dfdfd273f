import type { SqlSession } from '../../db/sql-client.js';
import type { PriceTable } from './model-price.js';
import { resolvePrices } from './resolve-prices.js';

export type PriceCache = {
  /** The project's price table, at most ttlMs old. */
  get(projectId: string): Promise<PriceTable>;
  /** Call after editing a project's prices so this process uses them at once. */
  invalidate(projectId?: string): void;
};

/**
 * Ingestion prices every batch; reading the price table once per project per ttl keeps that off
 * the hot path. Other instances see an edit after at most ttlMs. Concurrent misses share a load.
 */
export const createPriceCache = (sql: SqlSession, options: { ttlMs?: number; now?: () => number } = {}): PriceCache => {
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { at: number; table: Promise<PriceTable> }>();
  return {
    get(projectId) {
      const entry = entries.get(projectId);
      if (entry && now() - entry.at < ttlMs) return entry.table;
      const table = resolvePrices(sql, projectId);
      entries.set(projectId, { at: now(), table });
      // A failed load must not be served from the cache for the rest of the ttl.
      table.catch(() => {
        if (entries.get(projectId)?.table === table) entries.delete(projectId);
      });
      return table;
    },
    invalidate(projectId) {
      if (projectId === undefined) entries.clear();
      else entries.delete(projectId);
    },
  };
};
