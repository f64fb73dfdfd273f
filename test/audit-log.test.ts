import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

const ENTRIES = `query($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { action entityType entityId summary requestId createdAt actor { id name } } }
  } }`;

type Entry = {
  action: string;
  entityType: string;
  entityId: string;
  summary: unknown;
  requestId: string | null;
  actor: { id: string } | null;
};

describe('audit log', () => {
  const t = useTestServer();
  let bootstrapKeyId: string;
  beforeAll(async () => {
    bootstrapKeyId = (await gql(t.server.url, t.server.adminKey, '{ viewer { apiKey { id } } }')).data?.viewer.apiKey.id;
  });

  const entries = async (filter?: Record<string, unknown>, key = t.server.adminKey): Promise<Entry[]> => {
    const res = await gql(t.server.url, key, ENTRIES, { filter });
    expect(res.errors).toBeUndefined();
    return res.data?.auditLog.edges.map((e: { node: Entry }) => e.node);
  };

  it('records who, what, when and a summary for every mutation, with the request id', async () => {
    const response = await fetch(`${t.server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${t.server.adminKey}`,
        'x-request-id': 'req-audit-1',
      },
      body: JSON.stringify({
        query: 'mutation { createProject(input: { name: "audited" }) { ... on ProjectPayload { project { id } } } }',
      }),
    });
    const projectId = ((await response.json()) as { data: { createProject: { project: { id: string } } } }).data.createProject
      .project.id;
    await gql(
      t.server.url,
      t.server.adminKey,
      'mutation($id: ID!) { renameProject(input: { id: $id, name: "renamed" }) { __typename } }',
      {
        id: projectId,
      },
    );
    const [rename, create] = await entries({ entityId: projectId });
    expect(create).toMatchObject({
      action: 'project.create',
      entityType: 'Project',
      entityId: projectId,
      summary: { name: 'audited' },
      requestId: 'req-audit-1',
      actor: { id: bootstrapKeyId },
    });
    expect(rename).toMatchObject({ action: 'project.rename', summary: { name: { from: 'audited', to: 'renamed' } } });

    await gql(t.server.url, t.server.adminKey, 'mutation($id: ID!) { deleteProject(input: { id: $id }) { __typename } }', {
      id: projectId,
    });
    const [deletion] = await entries({ entityId: projectId, action: 'project.delete' });
    expect(deletion).toMatchObject({ entityType: 'Project', summary: { name: 'renamed' } });
  });

  it('writes nothing when a mutation fails, and nothing of the mutation either', async () => {
    const before = (await gql(t.server.url, t.server.adminKey, '{ auditLog { totalCount } projects { totalCount } }')).data;
    const duplicate = await gql(
      t.server.url,
      t.server.adminKey,
      'mutation { createProject(input: { name: "default" }) { __typename ... on ConflictError { message } } }',
    );
    expect(duplicate.data?.createProject).toEqual({
      __typename: 'ConflictError',
      message: 'A project named "default" already exists in this organization',
    });
    const self = await gql(
      t.server.url,
      t.server.adminKey,
      'mutation($id: ID!) { deleteProject(input: { id: $id }) { __typename ... on ConflictError { message } } }',
      { id: (await gql(t.server.url, t.server.adminKey, '{ viewer { project { id } } }')).data?.viewer.project.id },
    );
    expect(self.data?.deleteProject.__typename).toBe('ConflictError');
    const after = (await gql(t.server.url, t.server.adminKey, '{ auditLog { totalCount } projects { totalCount } }')).data;
    expect(after).toEqual(before);
  });

  it('filters by entity type, actor and time, newest first, with cursor pagination', async () => {
    const other = await createKeyVia(t.server.url, t.server.adminKey, { role: 'admin', name: 'second admin' });
    await createKeyVia(t.server.url, other.secret, { role: 'viewer', name: 'made by second' });
    const byActor = await entries({ actor: other.id });
    expect(byActor.map((e) => e.summary)).toEqual([expect.objectContaining({ name: 'made by second' })]);

    const keys = await entries({ entityType: 'ApiKey' });
    expect(keys.map((e) => (e.summary as { name: string }).name).slice(0, 2)).toEqual(['made by second', 'second admin']);

    const future = await entries({ from: new Date(Date.now() + 60_000).toISOString() });
    expect(future).toEqual([]);
    const badRange = await gql(t.server.url, t.server.adminKey, ENTRIES, {
      filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
    });
    expect(badRange.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect(badRange.errors?.[0]?.message).toContain('`from` must be before `to`');

    const page1 = await gql(t.server.url, t.server.adminKey, ENTRIES, { first: 2 });
    const page2 = await gql(t.server.url, t.server.adminKey, ENTRIES, {
      first: 2,
      after: page1.data?.auditLog.pageInfo.endCursor,
    });
    expect(page1.data?.auditLog.pageInfo.hasNextPage).toBe(true);
    const all = await entries();
    expect(
      [...(page1.data?.auditLog.edges ?? []), ...(page2.data?.auditLog.edges ?? [])].map((e: { node: Entry }) => e.node),
    ).toEqual(all.slice(0, 4));
  });

  it('is readable by admins only', async () => {
    const member = await createKeyVia(t.server.url, t.server.adminKey, { role: 'member' });
    const res = await gql(t.server.url, member.secret, '{ auditLog { totalCount } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
