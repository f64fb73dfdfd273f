import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

const LIST = `query($revoked: Boolean) { apiKeys(includeRevoked: $revoked) {
  totalCount edges { node { id name role prefix createdAt lastUsedAt revokedAt } } } }`;

describe('API key lifecycle', () => {
  const t = useTestServer();

  it('shows the secret once and stores only its sha256', async () => {
    const created = await gql(
      t.server.url,
      t.server.adminKey,
      'mutation { createApiKey(input: { name: "ci", role: member }) { ... on CreateApiKeyPayload { secret apiKey { id name role prefix lastUsedAt revokedAt } } } }',
    );
    const { secret, apiKey } = created.data?.createApiKey ?? {};
    expect(secret).toMatch(/^al_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'ci', role: 'member', prefix: secret.slice(0, 11), lastUsedAt: null, revokedAt: null });

    const { prisma } = await t.database.open();
    const rows = await prisma.apiKey.findMany({ where: { name: 'ci' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(secret);
    const audit = await prisma.auditLogEntry.findMany();
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('lists prefix, role, created and last used; records use', async () => {
    const key = await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer', name: 'reader' });
    const before = await gql(t.server.url, t.server.adminKey, LIST);
    const listed = before.data?.apiKeys.edges.find((e: { node: { id: string } }) => e.node.id === key.id)?.node;
    expect(listed).toMatchObject({ name: 'reader', role: 'viewer', lastUsedAt: null });
    expect(Date.parse(listed.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    await gql(t.server.url, key.secret, '{ viewer { role } }');
    const after = await gql(t.server.url, t.server.adminKey, LIST);
    const used = after.data?.apiKeys.edges.find((e: { node: { id: string } }) => e.node.id === key.id)?.node;
    expect(Date.parse(used.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('revokes permanently and idempotently; revoked keys are hidden unless asked for', async () => {
    const key = await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer', name: 'temp' });
    const revoke =
      'mutation($id: ID!) { revokeApiKey(input: { id: $id }) { ... on RevokeApiKeyPayload { apiKey { revokedAt } } } }';
    const first = await gql(t.server.url, t.server.adminKey, revoke, { id: key.id });
    const second = await gql(t.server.url, t.server.adminKey, revoke, { id: key.id });
    expect(first.data?.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));
    expect(second.data?.revokeApiKey.apiKey.revokedAt).toBe(first.data?.revokeApiKey.apiKey.revokedAt);

    const active = await gql(t.server.url, t.server.adminKey, LIST);
    expect(active.data?.apiKeys.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(key.id);
    const all = await gql(t.server.url, t.server.adminKey, LIST, { revoked: true });
    expect(all.data?.apiKeys.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(key.id);

    const audit = await gql(
      t.server.url,
      t.server.adminKey,
      'query($e: ID) { auditLog(filter: { entityId: $e }) { edges { node { action } } } }',
      {
        e: key.id,
      },
    );
    expect(audit.data?.auditLog.edges.map((e: { node: { action: string } }) => e.node.action)).toEqual([
      'apiKey.revoke',
      'apiKey.create',
    ]);
  });

  it('validates names and roles with clear errors and writes nothing', async () => {
    const count = async () => (await gql(t.server.url, t.server.adminKey, LIST, { revoked: true })).data?.apiKeys.totalCount;
    const before = await count();
    const blank = await gql(
      t.server.url,
      t.server.adminKey,
      'mutation { createApiKey(input: { name: "   ", role: viewer }) { __typename ... on InvalidInputError { code issues { path message } } } }',
    );
    expect(blank.data?.createApiKey).toEqual({
      __typename: 'InvalidInputError',
      code: 'INVALID_INPUT',
      issues: [{ path: 'name', message: 'must not be empty' }],
    });
    const long = await gql(
      t.server.url,
      t.server.adminKey,
      'mutation($n: String!) { createApiKey(input: { name: $n, role: viewer }) { ... on InvalidInputError { issues { message } } } }',
      { n: 'x'.repeat(101) },
    );
    expect(long.data?.createApiKey.issues).toEqual([{ message: 'must be at most 100 characters' }]);
    const badRole = await gql(
      t.server.url,
      t.server.adminKey,
      'mutation { createApiKey(input: { name: "x", role: owner }) { __typename } }',
    );
    expect(badRole.status, JSON.stringify(badRole)).toBe(400);
    expect(badRole.errors?.[0]?.message).toContain('owner');
    expect(await count()).toBe(before);
  });
});
