import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyVia, errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

describe('roles', () => {
  const t = useTestServer();
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    for (const role of ['ingest', 'viewer', 'member', 'admin']) {
      keys[role] = (await createKeyVia(t.server.url, t.server.adminKey, { role })).secret;
    }
  });

  it('lets every role ask who it is', async () => {
    for (const role of ['ingest', 'viewer', 'member', 'admin']) {
      const res = await gql(t.server.url, keys[role] ?? null, '{ viewer { role organizationAdmin } }');
      expect(res.data?.viewer).toEqual({ role, organizationAdmin: false });
    }
  });

  it('refuses reads to ingest keys, naming the role needed', async () => {
    const res = await gql(t.server.url, keys.ingest ?? null, '{ projects { totalCount } }');
    expect(res.status).toBe(200);
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(res.errors?.[0]?.message).toContain("requires the 'viewer' role");
    expect(res.errors?.[0]?.message).toContain("has the 'ingest' role");
  });

  it('lets viewers read but not manage keys', async () => {
    const read = await gql(t.server.url, keys.viewer ?? null, '{ projects { totalCount edges { node { name } } } }');
    expect(read.data?.projects).toEqual({ totalCount: 1, edges: [{ node: { name: 'default' } }] });

    const create = await gql(
      t.server.url,
      keys.viewer ?? null,
      'mutation { createApiKey(input: { name: "x", role: viewer }) { __typename } }',
    );
    expect(errorCodes(create)).toEqual(['FORBIDDEN']);
    expect(create.errors?.[0]?.message).toContain("requires the 'admin' role");
  });

  it('keeps members and project admins away from key management and the audit log respectively', async () => {
    for (const query of ['{ apiKeys { totalCount } }', '{ auditLog { totalCount } }']) {
      const member = await gql(t.server.url, keys.member ?? null, query);
      expect(errorCodes(member)).toEqual(['FORBIDDEN']);
    }
    const admin = await gql(t.server.url, keys.admin ?? null, '{ apiKeys { totalCount } auditLog { totalCount } }');
    expect(admin.errors).toBeUndefined();
    expect(admin.data?.apiKeys.totalCount).toBe(5);
  });

  it('reserves project creation and deletion to organization admins', async () => {
    const create = await gql(
      t.server.url,
      keys.admin ?? null,
      'mutation { createProject(input: { name: "nope" }) { __typename } }',
    );
    expect(errorCodes(create)).toEqual(['FORBIDDEN']);
    expect(create.errors?.[0]?.message).toContain('organization-admin key');

    const promote = await gql(
      t.server.url,
      keys.admin ?? null,
      'mutation { createApiKey(input: { name: "x", role: admin, organizationAdmin: true }) { __typename ... on InvalidInputError { issues { path message } } } }',
    );
    expect(promote.data?.createApiKey).toEqual({
      __typename: 'InvalidInputError',
      issues: [{ path: 'organizationAdmin', message: 'only an organization admin can create organization-admin keys' }],
    });
    const projects = await gql(t.server.url, t.server.adminKey, '{ projects { totalCount } }');
    expect(projects.data?.projects.totalCount).toBe(1);
  });
});
