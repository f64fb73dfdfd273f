import { describe, expect, it } from 'vitest';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

describe('abuse limits', () => {
  const t = useTestServer({
    env: {
      AGENTLOOP_MAX_QUERY_DEPTH: '5',
      AGENTLOOP_MAX_ALIASES: '3',
      AGENTLOOP_MAX_TOKENS: '300',
      AGENTLOOP_MAX_COST: '20',
      AGENTLOOP_MAX_BATCH: '2',
    },
  });

  const stillServing = async () => {
    const res = await gql(t.server.url, t.server.adminKey, '{ viewer { role } }');
    expect(res.data?.viewer.role).toBe('admin');
  };

  it.each([
    [
      'depth',
      '{ viewer { project { organization { projects { edges { node { name } } } } } } }',
      'Query depth limit of 5 exceeded, found 7.',
    ],
    [
      'aliases',
      '{ a: viewer { role } b: viewer { role } c: viewer { role } d: viewer { role } }',
      'Aliases limit of 3 exceeded, found 4.',
    ],
    ['tokens', `{ viewer { ${'role '.repeat(400)} } }`, 'Token limit of 300 exceeded.'],
    [
      'cost',
      '{ projects { edges { node { name createdAt updatedAt organization { name createdAt } } } } organization { name createdAt } }',
      'Query Cost limit of 20 exceeded',
    ],
  ])('refuses a query over the %s limit with a clear message', async (_limit, query, message) => {
    const res = await gql(t.server.url, t.server.adminKey, query);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.map((e) => e.message).join(' ')).toContain(message);
    expect(res.errors?.[0]?.extensions?.code).toMatch(/QUERY_LIMIT_EXCEEDED|GRAPHQL_PARSE_FAILED/);
    await stillServing();
  });

  it('refuses batches larger than the limit', async () => {
    const batch = (size: number) =>
      fetch(`${t.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.server.adminKey}` },
        body: JSON.stringify(Array.from({ length: size }, () => ({ query: '{ viewer { role } }' }))),
      });
    const ok = await batch(2);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual([{ data: { viewer: { role: 'admin' } } }, { data: { viewer: { role: 'admin' } } }]);
    const tooMany = await batch(3);
    expect(tooMany.status).toBe(413);
    expect(JSON.stringify(await tooMany.json())).toContain('Batching is limited to 2 operations per request.');
    await stillServing();
  });
});
