import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/src/db/database.js';
import { computeCost } from '../server/src/tracing/cost/compute-cost.js';
import { DEFAULT_PRICES } from '../server/src/tracing/cost/default-prices.js';
import { createPriceCache } from '../server/src/tracing/cost/price-cache.js';
import { resolvePrices } from '../server/src/tracing/cost/resolve-prices.js';
import { seedDefaultPrices } from '../server/src/tracing/cost/seed-default-prices.js';
import { useProjectDatabase } from './support/test-database.js';

const call = {
  kind: 'LLM' as const,
  model: 'gpt-4o',
  requestModel: null,
  inputTokens: 1_000_000,
  outputTokens: 0,
  cachedTokens: null,
};

describe('model prices for ingestion', () => {
  const t = useProjectDatabase();
  let db: Database;
  let projectId: string;
  beforeAll(() => {
    ({ db, projectId } = t);
  });

  it('seeds the defaults idempotently and corrects a changed default', async () => {
    await seedDefaultPrices(db.sql);
    await seedDefaultPrices(db.sql);
    expect(await db.prisma.modelPrice.count({ where: { projectId: null } })).toBe(DEFAULT_PRICES.length);
    const corrected = DEFAULT_PRICES.map((p) => (p.modelPattern.startsWith('^gpt-4o(') ? { ...p, input: 2.75 } : p));
    await seedDefaultPrices(db.sql, corrected);
    expect(await db.prisma.modelPrice.count({ where: { projectId: null } })).toBe(DEFAULT_PRICES.length);
    const prices = await resolvePrices(db.sql, projectId);
    expect(computeCost(prices, { ...call, startTime: new Date() })).toBe(2.75);
    await seedDefaultPrices(db.sql);
  });

  it("resolves a project's own rows over the defaults, and the cache reloads after its ttl or an invalidation", async () => {
    let clock = 0;
    const cache = createPriceCache(db.sql, { ttlMs: 30_000, now: () => clock });
    expect(computeCost(await cache.get(projectId), { ...call, startTime: new Date() })).toBe(2.5);
    await db.prisma.modelPrice.create({
      data: {
        projectId,
        modelPattern: '^gpt-4o',
        inputPerMillion: 1,
        outputPerMillion: 1,
        effectiveFrom: new Date('2026-01-01'),
      },
    });
    // Within the ttl the cached table is used: ingestion does not read prices per request.
    clock = 29_000;
    expect(computeCost(await cache.get(projectId), { ...call, startTime: new Date() })).toBe(2.5);
    clock = 31_000;
    expect(computeCost(await cache.get(projectId), { ...call, startTime: new Date() })).toBe(1);
    await db.prisma.modelPrice.updateMany({ where: { projectId }, data: { inputPerMillion: 3 } });
    cache.invalidate(projectId);
    expect(computeCost(await cache.get(projectId), { ...call, startTime: new Date() })).toBe(3);
  });
});
