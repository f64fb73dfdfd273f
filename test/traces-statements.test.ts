import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSqlStatements, type StatementCounter } from '../bench/support/count-sql-statements.js';
import { writeLogRecords } from '../server/src/ingestion/write-log-records.js';
import { gql } from './support/graphql-client.js';
import { makeLogRecord } from './support/log-record-factory.js';
import { useTestServer } from './support/test-server.js';
import { seedTraces, writeSeed } from './support/trace-seed.js';

const LIST = `query($first: Int) { traces(first: $first) { edges { node { traceId application { name } deployment { version }
  rootSpan { name children { name } } } } } }`;
const LOGS = `query($first: Int) { traces(first: $first) { edges { node { traceId
  logs(first: 5) { totalCount edges { node { body application { name } } } } } } } }`;
const SESSIONS =
  'query($first: Int) { sessions(first: $first) { edges { node { sessionId turns { traceId rootSpan { name } } } } } }';

// Statements are counted where pg sends them, so this runs on PostgreSQL only (CI runs both).
describe.skipIf(!process.env.DATABASE_URL)('statements per request', () => {
  // Background workers (job queue polling) share the counted pg client: keep them out of the count.
  const t = useTestServer({ env: { AGENTLOOP_WORKERS: 'false' } });
  let counter: StatementCounter;

  beforeAll(async () => {
    const { prisma, sql } = await t.database.open();
    const projectId = (await prisma.project.findFirstOrThrow({ where: { name: 'default' } })).id;
    const seed = seedTraces(60);
    await writeSeed(sql, projectId, seed);
    // Two plain log records per trace, so a page of traces showing their logs loads real rows.
    const logs = seed.flatMap((trace, index) =>
      [0, 1].map((n) => {
        const timestamp = new Date(Date.UTC(2026, 10, 20, 12, 0, index, n));
        return makeLogRecord({ traceId: trace.traceId, timestamp, body: `log ${n} of ${trace.traceId}` });
      }),
    );
    await writeLogRecords(sql, projectId, logs);
    counter = countSqlStatements();
  });
  afterAll(() => counter?.restore());

  const statementsOf = async (query: string, variables: Record<string, unknown>) => {
    const before = counter.count();
    const res = await gql(t.server.url, t.server.adminKey, query, variables);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return counter.count() - before;
  };
  /** Background statements can only add to a count, so the fewest of a few runs is the request's own. */
  const fewestStatementsOf = async (query: string, variables: Record<string, unknown>) => {
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) counts.push(await statementsOf(query, variables));
    return Math.min(...counts);
  };

  it('does not grow with the page: 50 traces with their roots cost what 2 do', async () => {
    // Warm up first: the first request of a key also records when the key was last used.
    await statementsOf(LIST, { first: 1 });
    const small = await fewestStatementsOf(LIST, { first: 2 });
    const large = await fewestStatementsOf(LIST, { first: 50 });
    expect(large).toBe(small);
    const viewer = await fewestStatementsOf('{ viewer { role } }', {});
    // The page of ids, the rows, applications, deployments, root spans and their children.
    expect(large - viewer).toBeLessThanOrEqual(6);
  });

  it("batches traces' logs the same way", async () => {
    const small = await fewestStatementsOf(LOGS, { first: 2 });
    expect(await fewestStatementsOf(LOGS, { first: 50 })).toBe(small);
    const traces = await fewestStatementsOf('query($first: Int) { traces(first: $first) { edges { node { traceId } } } }', {
      first: 50,
    });
    // The pages of logs, their rows, their counts and their applications.
    expect(small - traces).toBeLessThanOrEqual(4);
  });

  it("batches sessions' turns the same way", async () => {
    expect(await fewestStatementsOf(SESSIONS, { first: 4 })).toBe(await fewestStatementsOf(SESSIONS, { first: 1 }));
  });
});
