import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';
import { expectedOverview } from './support/trace-expectations.js';
import { SEED_BASE, type SeedTrace, seedTraces, writeSeed } from './support/trace-seed.js';

const OVERVIEW = `requests errors latencyP50 latencyP90 latencyP99 modelCalls inputTokens outputTokens totalTokens cost
  traces spans sessions users`;

const minute = (n: number) => new Date(SEED_BASE.getTime() + n * 60_000);

describe('application overview', () => {
  const t = useTestServer();
  const seed = seedTraces(12);

  beforeAll(async () => {
    const { prisma, sql } = await t.database.open();
    const projectId = (await prisma.project.findFirstOrThrow({ where: { name: 'default' } })).id;
    await writeSeed(sql, projectId, seed);
  });

  const overviews = async (from: Date, to: Date) => {
    const res = await gql(
      t.server.url,
      t.server.adminKey,
      `query($from: DateTime, $to: DateTime) { applications { edges { node { name overview(from: $from, to: $to) { from to ${OVERVIEW} } } } } }`,
      { from: from.toISOString(), to: to.toISOString() },
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.fromEntries(
      (res.data?.applications.edges ?? []).map((e: { node: { name: string; overview: Record<string, unknown> } }) => [
        e.node.name,
        e.node.overview,
      ]),
    );
  };

  const expectOverview = (actual: Record<string, unknown>, traces: SeedTrace[]) => {
    const { cost, ...expected } = expectedOverview(traces);
    const { cost: actualCost, from: _from, to: _to, ...rest } = actual;
    expect(rest).toEqual(expected);
    expect(actualCost).toBeCloseTo(cost, 9);
  };

  it('sums each application over a time range from the seeded traces', async () => {
    for (const [from, to] of [
      [minute(0), minute(12)],
      [minute(2), minute(9)],
    ] as const) {
      const got = await overviews(from, to);
      for (const name of ['checkout-agent', 'support-bot']) {
        expectOverview(
          got[name],
          seed.filter((s) => s.application === name && s.start >= from && s.start < to),
        );
      }
      expect(got['checkout-agent'].from).toBe(from.toISOString());
    }
  });

  it('reports an empty range as zeros and null percentiles', async () => {
    const got = await overviews(minute(-60), minute(-1));
    expect(got['support-bot']).toMatchObject({ requests: 0, spans: 0, cost: 0, latencyP50: null, latencyP99: null });
  });

  it('defaults to the last 24 hours and refuses a range that ends before it starts', async () => {
    const recent = await gql(
      t.server.url,
      t.server.adminKey,
      '{ applications { edges { node { overview { from to requests } } } } }',
    );
    expect(recent.errors).toBeUndefined();
    const overview = recent.data?.applications.edges[0].node.overview;
    expect(Date.parse(overview.to) - Date.parse(overview.from)).toBe(24 * 60 * 60 * 1000);
    const bad = await gql(
      t.server.url,
      t.server.adminKey,
      '{ applications { edges { node { overview(from: "2026-11-21T10:00:00Z", to: "2026-11-21T09:00:00Z") { requests } } } } }',
    );
    expect(errorCodes(bad)).toContain('INVALID_INPUT');
  });
});
