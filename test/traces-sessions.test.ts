import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyVia, createProjectVia, errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';
import { type SeedTrace, seedTrace, seedTraces, writeSeed } from './support/trace-seed.js';

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const end = (trace: SeedTrace) => new Date(trace.start.getTime() + trace.durationMs);

/** Sessions or users as the server should derive them from seeded traces, most recently seen first. */
const expectedGroups = (traces: SeedTrace[], keyOf: (trace: SeedTrace) => string | null) => {
  const groups = new Map<string, SeedTrace[]>();
  for (const trace of traces) {
    const key = keyOf(trace);
    if (key !== null) groups.set(key, [...(groups.get(key) ?? []), trace]);
  }
  return [...groups]
    .map(([key, members]) => {
      const byStart = [...members].sort((a, b) => a.start.getTime() - b.start.getTime());
      return {
        key,
        traceCount: members.length,
        sessionCount: new Set(members.map((m) => m.sessionId).filter((s) => s !== null)).size,
        users: [...new Set(members.map((m) => m.userId).filter((u) => u !== null))].sort(),
        errorCount: members.filter((m) => m.error).length,
        firstSeen: byStart[0]?.start.toISOString(),
        lastSeen: new Date(Math.max(...members.map((m) => end(m).getTime()))).toISOString(),
        inputTokens: sum(members.map((m) => m.inputTokens)),
        outputTokens: sum(members.map((m) => m.outputTokens)),
        totalTokens: sum(members.map((m) => m.inputTokens + m.outputTokens)),
        cost: sum(members.map((m) => m.cost)),
        turns: byStart.map((m) => m.traceId),
      };
    })
    .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen) || b.key.localeCompare(a.key));
};

const SESSION = `sessionId traceCount errorCount firstSeen lastSeen inputTokens outputTokens totalTokens cost users
  turns { traceId }`;
const USER = 'userId traceCount sessionCount errorCount firstSeen lastSeen inputTokens outputTokens totalTokens cost';

describe('sessions and end users', () => {
  const t = useTestServer();
  const seed = seedTraces(12);
  const foreign = seedTrace(0);
  let keyB: string;
  let supportBot: string;

  const query = (q: string, variables?: Record<string, unknown>, key = t.server.adminKey) => gql(t.server.url, key, q, variables);

  /** Walks every page of a connection, two at a time, to exercise the cursors. */
  const allPages = async (field: 'sessions' | 'users', selection: string, filter?: Record<string, unknown>, key?: string) => {
    const nodes: any[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let pages = 0; pages < 20; pages++) {
      const res: any = await query(
        `query($filter: ${field === 'sessions' ? 'SessionFilter' : 'EndUserFilter'}, $after: String) {
          ${field}(filter: $filter, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${selection} } } } }`,
        { filter, after },
        key,
      );
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      totalCount = res.data[field].totalCount;
      nodes.push(...res.data[field].edges.map((e: any) => e.node));
      if (!res.data[field].pageInfo.hasNextPage) break;
      after = res.data[field].pageInfo.endCursor;
    }
    expect(totalCount).toBe(nodes.length);
    return nodes;
  };

  const asSession = (g: ReturnType<typeof expectedGroups>[number]) => {
    const { key, sessionCount: _s, turns, cost: _c, ...rest } = g;
    return { sessionId: key, ...rest, turns: turns.map((traceId) => ({ traceId })) };
  };
  const asUser = (g: ReturnType<typeof expectedGroups>[number]) => {
    const { key, users: _u, turns: _t, cost: _c, ...rest } = g;
    return { userId: key, ...rest };
  };
  const withoutCost = (node: any) => {
    const { cost: _c, ...rest } = node;
    return { ...rest, ...(rest.users ? { users: [...rest.users].sort() } : {}) };
  };

  beforeAll(async () => {
    const { prisma, sql } = await t.database.open();
    const projectA = (await prisma.project.findFirstOrThrow({ where: { name: 'default' } })).id;
    await writeSeed(sql, projectA, seed);
    const projectB = await createProjectVia(t.server.url, t.server.adminKey, 'project b');
    keyB = (await createKeyVia(t.server.url, t.server.adminKey, { project: projectB, role: 'viewer' })).secret;
    const rawB = (await prisma.project.findFirstOrThrow({ where: { name: 'project b' } })).id;
    await writeSeed(sql, rawB, [foreign]);
    const apps = await query('{ applications { edges { node { id name } } } }');
    supportBot = apps.data?.applications.edges.find((e: any) => e.node.name === 'support-bot').node.id;
  });

  it('derives sessions with their turns in start order', async () => {
    const expected = expectedGroups(seed, (s) => s.sessionId);
    const sessions = await allPages('sessions', SESSION);
    expect(sessions.map(withoutCost)).toEqual(expected.map(asSession));
    sessions.forEach((session, i) => {
      expect(session.cost).toBeCloseTo(expected[i]?.cost ?? Number.NaN, 9);
    });

    const bot = await allPages('sessions', SESSION, { application: supportBot });
    expect(bot.map(withoutCost)).toEqual(
      expectedGroups(
        seed.filter((s) => s.application === 'support-bot'),
        (s) => s.sessionId,
      ).map((g) => ({ ...asSession(g), turns: expected.find((e) => e.key === g.key)?.turns.map((traceId) => ({ traceId })) })),
    );

    const one = await query(`query($id: String!) { session(sessionId: $id) { ${SESSION} } }`, { id: 'session-1' });
    expect(withoutCost(one.data?.session)).toEqual(asSession(expected.find((g) => g.key === 'session-1') as any));
    const none = await query('{ session(sessionId: "no-such-session") { sessionId } }');
    expect(none.data?.session).toBeNull();
  });

  it('derives end users with their activity, tokens and cost', async () => {
    const expected = expectedGroups(seed, (s) => s.userId);
    const users = await allPages('users', USER);
    expect(users.map(withoutCost)).toEqual(expected.map(asUser));
    users.forEach((user, i) => {
      expect(user.cost).toBeCloseTo(expected[i]?.cost ?? Number.NaN, 9);
    });
    const one = await query(`query($id: String!) { user(userId: $id) { ${USER} } }`, { id: 'user-2' });
    expect(withoutCost(one.data?.user)).toEqual(asUser(expected.find((g) => g.key === 'user-2') as any));
  });

  it("keeps each project's sessions and users to itself", async () => {
    const sessionsB = await allPages('sessions', 'sessionId traceCount turns { traceId }', undefined, keyB);
    expect(sessionsB).toEqual([{ sessionId: foreign.sessionId, traceCount: 1, turns: [{ traceId: foreign.traceId }] }]);
    const usersB = await allPages('users', 'userId traceCount', undefined, keyB);
    expect(usersB).toEqual([{ userId: foreign.userId, traceCount: 1 }]);
    // The same session id in project A never includes B's trace.
    const inA = await query('query($id: String!) { session(sessionId: $id) { turns { traceId } } }', { id: foreign.sessionId });
    expect(inA.data?.session.turns.map((turn: any) => turn.traceId)).not.toContain(foreign.traceId);
  });

  it('validates ranges and page sizes', async () => {
    const bad = await query('{ sessions(filter: { from: "2026-11-21T10:00:00Z", to: "2026-11-21T09:00:00Z" }) { totalCount } }');
    expect(errorCodes(bad)).toEqual(['INVALID_INPUT']);
    const big = await query('{ users(first: 1000) { totalCount } }');
    expect(errorCodes(big)).toEqual(['INVALID_INPUT']);
  });
});
