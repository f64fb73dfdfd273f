import {
  type AgentLoopClient,
  AgentLoopRequestError,
  ApiKeysDocument,
  AuditLogDocument,
  AuditLogEntryCreatedDocument,
  type AuditLogEntryCreatedSubscription,
  CreateApiKeyDocument,
  CreateProjectDocument,
  createAgentLoopClient,
  DeleteProjectDocument,
  ProjectsDocument,
  RenameProjectDocument,
  ViewerDocument,
} from '@agentloop/client';
import { print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect, wsClient } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

// The generated client, imported by its package name as users do, against a real t.server.
describe('typed client', () => {
  const t = useTestServer();
  let client: AgentLoopClient;
  beforeAll(async () => {
    client = createAgentLoopClient({ url: `${t.server.url}/graphql`, apiKey: t.server.adminKey });
  });

  it('reads the viewer', async () => {
    const { viewer } = await client.request(ViewerDocument);

    expect(viewer.role).toBe('admin');
    expect(viewer.organizationAdmin).toBe(true);
    expect(viewer.project.name).toBe('default');
    expect(viewer.apiKey.project.id).toBe(viewer.project.id);
    expect(Number.isNaN(Date.parse(viewer.project.createdAt))).toBe(false);
  });

  it('creates a project, then answers a duplicate name with a ConflictError value', async () => {
    const created = await client.request(CreateProjectDocument, { input: { name: 'typed-client' } });
    if (created.createProject.__typename !== 'ProjectPayload') throw new Error(JSON.stringify(created));
    expect(created.createProject.project.name).toBe('typed-client');

    const duplicate = await client.request(CreateProjectDocument, { input: { name: 'typed-client' } });
    expect(duplicate.createProject.__typename).toBe('ConflictError');
    if (duplicate.createProject.__typename === 'ProjectPayload') throw new Error('expected an error');
    expect(duplicate.createProject.code).toBe('CONFLICT');
    expect(duplicate.createProject.message).not.toBe('');

    const { projects } = await client.request(ProjectsDocument, { first: 50 });
    expect(projects.edges.map((edge) => edge.node.name)).toEqual(expect.arrayContaining(['default', 'typed-client']));
  });

  it('renames and deletes a project', async () => {
    const created = await client.request(CreateProjectDocument, { input: { name: 'short-lived' } });
    if (created.createProject.__typename !== 'ProjectPayload') throw new Error(JSON.stringify(created));
    const id = created.createProject.project.id;

    const renamed = await client.request(RenameProjectDocument, { input: { id, name: 'renamed' } });
    expect(renamed.renameProject).toMatchObject({ __typename: 'ProjectPayload', project: { id, name: 'renamed' } });

    const deleted = await client.request(DeleteProjectDocument, { input: { id } });
    expect(deleted.deleteProject).toEqual({ __typename: 'DeleteProjectPayload', deletedProjectId: id });

    const again = await client.request(DeleteProjectDocument, { input: { id } });
    expect(again.deleteProject).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
  });

  it('issues an API key that works, and lists it', async () => {
    const created = await client.request(CreateApiKeyDocument, { input: { name: 'typed reader', role: 'viewer' } });
    if (created.createApiKey.__typename !== 'CreateApiKeyPayload') throw new Error(JSON.stringify(created));
    const { apiKey, secret } = created.createApiKey;
    expect(apiKey).toMatchObject({ name: 'typed reader', role: 'viewer', organizationAdmin: false, revokedAt: null });

    const reader = createAgentLoopClient({ url: `${t.server.url}/graphql`, apiKey: secret });
    expect((await reader.request(ViewerDocument)).viewer.role).toBe('viewer');

    const { apiKeys } = await client.request(ApiKeysDocument, { first: 50 });
    expect(apiKeys.totalCount).toBeGreaterThanOrEqual(2);
    expect(apiKeys.edges.map((edge) => edge.node.id)).toContain(apiKey.id);
  });

  it('answers an invalid key with a typed UNAUTHENTICATED error', async () => {
    const stranger = createAgentLoopClient({ url: `${t.server.url}/graphql`, apiKey: 'al_not_a_real_key_at_all_0000000000' });

    const error = await stranger.request(ViewerDocument).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AgentLoopRequestError);
    expect((error as AgentLoopRequestError).status).toBe(401);
    expect((error as AgentLoopRequestError).code).toBe('UNAUTHENTICATED');
    expect((error as AgentLoopRequestError).errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('pages through the audit log with a filter', async () => {
    for (const name of ['audit-a', 'audit-b', 'audit-c']) {
      const result = await client.request(CreateProjectDocument, { input: { name } });
      expect(result.createProject.__typename).toBe('ProjectPayload');
    }
    const filter = { action: 'project.create' };

    const first = await client.request(AuditLogDocument, { filter, first: 2 });
    expect(first.auditLog.edges).toHaveLength(2);
    expect(first.auditLog.pageInfo.hasNextPage).toBe(true);
    const rest = await client.request(AuditLogDocument, { filter, first: 50, after: first.auditLog.pageInfo.endCursor });

    const entries = [...first.auditLog.edges, ...rest.auditLog.edges].map((edge) => edge.node);
    expect(entries).toHaveLength(first.auditLog.totalCount);
    expect(new Set(entries.map((entry) => entry.action))).toEqual(new Set(['project.create']));
    // Newest first.
    expect(entries.slice(0, 3).map((entry) => entry.summary)).toEqual([
      { name: 'audit-c' },
      { name: 'audit-b' },
      { name: 'audit-a' },
    ]);
    expect(entries[0]?.actor?.name).toBeTruthy();
  });

  it('has a subscription document the server accepts over graphql-ws', async () => {
    const ws = wsClient(t.server.wsUrl, t.server.adminKey);
    try {
      const events = collect<AuditLogEntryCreatedSubscription>(ws, print(AuditLogEntryCreatedDocument), 1);
      let arrived = false;
      const settle = () => {
        arrived = true;
      };
      events.then(settle, settle);
      // graphql-ws does not acknowledge a subscribe, so keep making changes until one is seen.
      for (let attempt = 0; attempt < 20 && !arrived; attempt++) {
        const created = await client.request(CreateApiKeyDocument, { input: { name: `watched ${attempt}`, role: 'ingest' } });
        expect(created.createApiKey.__typename).toBe('CreateApiKeyPayload');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      const [event] = await events;
      expect(event?.auditLogEntryCreated).toMatchObject({ action: 'apiKey.create', entityType: 'ApiKey' });
    } finally {
      await ws.dispose();
    }
  });
});
