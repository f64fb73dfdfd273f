import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../server/src/domain/api-keys.js';
import { createKeyVia, createProjectVia, errorCodes } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

/**
 * Every object of project A is tried with keys of project B (same organization) and of another
 * organization: each must look exactly like an object that does not exist.
 */
describe('tenancy isolation', () => {
  const t = useTestServer();
  let projectA: string;
  let keyA: { id: string; secret: string };
  let projectB: string;
  let adminB: string;
  let otherOrgAdmin: string;

  beforeAll(async () => {
    const viewer = await gql(t.server.url, t.server.adminKey, '{ viewer { project { id } } }');
    projectA = viewer.data?.viewer.project.id;
    keyA = await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer', name: 'a viewer' });
    projectB = await createProjectVia(t.server.url, t.server.adminKey, 'project b');
    adminB = (await createKeyVia(t.server.url, t.server.adminKey, { project: projectB, role: 'admin' })).secret;

    // A second organization exists only through operators (CLI/bootstrap), so set it up the same way.
    const { prisma } = await t.database.open();
    const org = await prisma.organization.create({ data: { name: 'Other org' } });
    const project = await prisma.project.create({ data: { name: 'default', organizationId: org.id } });
    const actor = { apiKeyId: null, organizationId: org.id, projectId: project.id, requestId: null };
    otherOrgAdmin = (
      await createApiKey({ prisma, pubsub: null }, null, actor, {
        projectId: project.id,
        name: 'other',
        role: 'admin',
        organizationAdmin: true,
      })
    ).secret;
  });

  const outsiders = () => [
    ['an admin of another project', adminB],
    ['an organization admin of another organization', otherOrgAdmin],
  ];

  it("resolves another project's objects by ID as missing", async () => {
    for (const [, key] of outsiders()) {
      const res = await gql(t.server.url, key ?? null, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
        ids: [projectA, keyA.id],
      });
      expect(res.errors).toBeUndefined();
      expect(res.data?.nodes).toEqual([null, null]);
    }
    const own = await gql(t.server.url, t.server.adminKey, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [projectA, keyA.id],
    });
    expect(own.data?.nodes).toEqual([{ id: projectA }, { id: keyA.id }]);
  });

  it('answers NOT_FOUND, not FORBIDDEN, to mutations on foreign objects, and changes nothing', async () => {
    for (const [who, key] of outsiders()) {
      const rename = await gql(
        t.server.url,
        key ?? null,
        'mutation($id: ID!) { renameProject(input: { id: $id, name: "pwned" }) { __typename ... on Error { code message } } }',
        { id: projectA },
      );
      expect(rename.data?.renameProject.__typename, who).toBe('NotFoundError');
      const revoke = await gql(
        t.server.url,
        key ?? null,
        'mutation($id: ID!) { revokeApiKey(input: { id: $id }) { __typename ... on Error { code } } }',
        { id: keyA.id },
      );
      expect(revoke.data?.revokeApiKey.__typename, who).toBe('NotFoundError');
      const issue = await gql(
        t.server.url,
        key ?? null,
        'mutation($p: ID!) { createApiKey(input: { project: $p, name: "x", role: admin }) { __typename } }',
        { p: projectA },
      );
      expect(issue.data?.createApiKey.__typename, who).toBe('NotFoundError');
    }
    const deletion = await gql(
      t.server.url,
      otherOrgAdmin,
      'mutation($id: ID!) { deleteProject(input: { id: $id }) { __typename ... on Error { code } } }',
      { id: projectA },
    );
    expect(deletion.data?.deleteProject.__typename).toBe('NotFoundError');

    const state = await gql(
      t.server.url,
      t.server.adminKey,
      '{ viewer { project { name } } apiKeys { edges { node { name revokedAt } } } }',
    );
    expect(state.data?.viewer.project.name).toBe('default');
    expect(state.data?.apiKeys.edges.map((e: { node: { name: string; revokedAt: string | null } }) => e.node)).toEqual([
      { name: 'bootstrap admin', revokedAt: null },
      { name: 'a viewer', revokedAt: null },
    ]);
  });

  it("makes a missing ID and another project's ID indistinguishable", async () => {
    const missing = Buffer.from('Project:00000000-0000-7000-8000-000000000000').toString('base64url');
    const rename = (id: string) =>
      gql(
        t.server.url,
        adminB,
        'mutation($id: ID!) { renameProject(input: { id: $id, name: "x" }) { ... on Error { code message } } }',
        { id },
      );
    const foreign = await rename(projectA);
    const absent = await rename(missing);
    expect(foreign.data?.renameProject.code).toBe('NOT_FOUND');
    expect(absent.data?.renameProject.code).toBe('NOT_FOUND');
    const uuid = /[0-9a-f]{8}-[0-9a-f-]{27}/g;
    expect(foreign.data?.renameProject.message.replace(uuid, 'ID')).toBe(absent.data?.renameProject.message.replace(uuid, 'ID'));
  });

  it('lists only what the key may see', async () => {
    const asB = await gql(
      t.server.url,
      adminB,
      '{ projects { totalCount edges { node { name } } } organization { name } apiKeys { totalCount } }',
    );
    expect(asB.data?.projects).toEqual({ totalCount: 1, edges: [{ node: { name: 'project b' } }] });
    expect(asB.data?.apiKeys.totalCount).toBe(1);
    const foreignKeys = await gql(t.server.url, adminB, 'query($p: ID) { apiKeys(project: $p) { totalCount } }', { p: projectA });
    expect(foreignKeys.data?.apiKeys.totalCount).toBe(0);
    const otherOrg = await gql(t.server.url, otherOrgAdmin, '{ projects { totalCount } organization { name } }');
    expect(otherOrg.data).toEqual({ projects: { totalCount: 1 }, organization: { name: 'Other org' } });
    const orgAdmin = await gql(t.server.url, t.server.adminKey, '{ projects { totalCount } }');
    expect(orgAdmin.data?.projects.totalCount).toBe(2);
  });

  it("keeps another project's audit trail out of reach", async () => {
    const trail = await gql(
      t.server.url,
      adminB,
      'query($e: ID) { auditLog(filter: { entityId: $e }) { totalCount edges { node { action summary } } } }',
      { e: keyA.id },
    );
    expect(trail.data?.auditLog).toEqual({ totalCount: 0, edges: [] });
    const foreignEntry = await gql(
      t.server.url,
      t.server.adminKey,
      'query($e: ID) { auditLog(filter: { entityId: $e }) { edges { node { id } } } }',
      {
        e: keyA.id,
      },
    );
    const entryId = foreignEntry.data?.auditLog.edges[0].node.id;
    expect(entryId).toEqual(expect.any(String));
    const viaNode = await gql(t.server.url, otherOrgAdmin, 'query($id: ID!) { node(id: $id) { id } }', { id: entryId });
    expect(viaNode.data?.node).toBeNull();
  });

  it('rejects IDs that are not AgentLoop IDs as invalid input', async () => {
    const res = await gql(t.server.url, adminB, '{ node(id: "definitely-not-an-id") { id } }');
    expect(errorCodes(res)).toEqual(['INVALID_INPUT']);
  });
});
