import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSqlStatements, type StatementCounter } from '../bench/support/count-sql-statements.js';
import { decodeGlobalId } from '../server/src/graphql/global-id.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

const LIST = `query($first: Int) { evaluators(first: $first) { edges { node { name
  judgeService { name model } embeddingsService { name model } } } } }`;

// Statements are counted where pg sends them, so this runs on PostgreSQL only (CI runs both).
describe.skipIf(!process.env.DATABASE_URL)('evaluator list statements', () => {
  const t = useTestServer({ env: { AGENTLOOP_WORKERS: 'false', AGENTLOOP_SECRET_KEY: randomBytes(32).toString('base64') } });
  let counter: StatementCounter;

  const service = async (name: string, kind: 'CHAT' | 'EMBEDDING') => {
    const res = await gql(
      t.server.url,
      t.server.adminKey,
      `mutation($input: CreateModelServiceInput!) { createModelService(input: $input) {
        __typename ... on ModelServicePayload { modelService { id } } } }`,
      { input: { name, provider: 'OPENAI_COMPATIBLE', kind, model: `${name}-model`, baseUrl: 'http://127.0.0.1:9/v1' } },
    );
    expect(res.data?.createModelService.__typename, JSON.stringify(res)).toBe('ModelServicePayload');
    return decodeGlobalId(res.data?.createModelService.modelService.id).id;
  };

  beforeAll(async () => {
    const { prisma } = await t.database.open();
    const projectId = (await prisma.project.findFirstOrThrow({ where: { name: 'default' } })).id;
    const judges = [await service('judge-a', 'CHAT'), await service('judge-b', 'CHAT')];
    const embeddings = await service('embed', 'EMBEDDING');
    // Evaluators pointing at a mix of services, some at none.
    await prisma.evaluator.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({
        projectId,
        name: `evaluator-${i}`,
        pluginName: 'coherence',
        judgeServiceId: i % 3 === 2 ? null : judges[i % 2],
        embeddingsServiceId: i % 2 === 0 ? embeddings : null,
      })),
    });
    counter = countSqlStatements();
  });
  afterAll(() => counter?.restore());

  const statementsOf = async (first: number) => {
    const before = counter.count();
    const res = await gql(t.server.url, t.server.adminKey, LIST, { first });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data?.evaluators.edges).toHaveLength(first);
    return { count: counter.count() - before, nodes: res.data?.evaluators.edges.map((e: { node: unknown }) => e.node) };
  };

  it('loads the judge and embeddings services of a page in one query, however long the page', async () => {
    await statementsOf(1); // warm-up: the key's first request also records its last use
    const small = await statementsOf(2);
    const large = await statementsOf(12);
    expect(large.count).toBe(small.count);
    expect(large.nodes[0]).toEqual({
      name: 'evaluator-0',
      judgeService: { name: 'judge-a', model: 'judge-a-model' },
      embeddingsService: { name: 'embed', model: 'embed-model' },
    });
    expect(large.nodes[2]).toMatchObject({ judgeService: null, embeddingsService: { name: 'embed' } });
    expect(large.nodes[3]).toMatchObject({ judgeService: { name: 'judge-b' }, embeddingsService: null });
  });
});
