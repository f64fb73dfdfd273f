import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createKeyVia, createProjectVia } from './support/fixtures.js';
import { collect, gql, wsClient } from './support/graphql-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer, useTestServer } from './support/test-server.js';

const SUBSCRIPTION = 'subscription { auditLogEntryCreated { action entityType summary actor { name } } }';

type Event = { auditLogEntryCreated: { action: string; summary: { name: string } } };

/**
 * Waits until the server has registered the subscription, so the next publish reaches it: the
 * connection first (authenticating it took seconds on a loaded machine), then a moment.
 */
const settle = async (client: Client) => {
  await new Promise<void>((resolve) => {
    const off = client.on('connected', () => {
      off();
      resolve();
    });
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
};

describe('subscriptions over graphql-ws (same port and path)', () => {
  const t = useTestServer();

  it("streams the project's audit entries as they commit", async () => {
    const client = wsClient(t.server.wsUrl, t.server.adminKey);
    const connected = settle(client);
    const events = collect<Event>(client, SUBSCRIPTION, 2);
    await connected;
    await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer', name: 'live one' });
    await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer', name: 'live two' });
    expect((await events).map((e) => [e.auditLogEntryCreated.action, e.auditLogEntryCreated.summary.name])).toEqual([
      ['apiKey.create', 'live one'],
      ['apiKey.create', 'live two'],
    ]);
    await client.dispose();
  });

  it("never delivers another project's events", async () => {
    const projectB = await createProjectVia(t.server.url, t.server.adminKey, 'b');
    const adminB = await createKeyVia(t.server.url, t.server.adminKey, { project: projectB, role: 'admin' });
    const clientB = wsClient(t.server.wsUrl, adminB.secret);
    const connected = settle(clientB);
    const eventsB = collect<Event>(clientB, SUBSCRIPTION, 1);
    await connected;
    await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer', name: 'only in A' });
    await createKeyVia(t.server.url, adminB.secret, { role: 'viewer', name: 'only in B' });
    expect((await eventsB)[0]?.auditLogEntryCreated.summary.name).toBe('only in B');
    await clientB.dispose();
  });

  it('refuses a connection without a valid key (close code 4401)', async () => {
    const socket = new WebSocket(t.server.wsUrl, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer nope' } })));
    expect(await closed).toEqual({ code: 4401, reason: expect.stringContaining('Malformed Authorization header') });
  });

  it('applies roles to subscriptions too', async () => {
    const viewer = await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer' });
    const client = wsClient(t.server.wsUrl, viewer.secret);
    await expect(collect(client, SUBSCRIPTION, 1, 5_000)).rejects.toThrow(/requires the 'admin' role/);
    await client.dispose();
  });
});

// Needs a Redis server; CI always sets REDIS_URL, so this runs there.
describe.runIf(Boolean(process.env.REDIS_URL))('subscriptions across instances via Redis', () => {
  let database: TestDatabase;
  let first: TestServer;
  let second: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { REDIS_URL: process.env.REDIS_URL ?? '' };
    first = await startTestServer(database, { env });
    second = await startTestServer(database, { env, adminKey: first.adminKey });
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await database?.drop();
  });

  it('delivers an event published by one instance to a subscriber on the other', async () => {
    const readiness = (await (await fetch(`${second.url}/readyz`)).json()) as { checks: Record<string, { ok: boolean }> };
    expect(readiness.checks.redis).toEqual({ ok: true });

    const client = wsClient(second.wsUrl, first.adminKey);
    const connected = settle(client);
    const events = collect<Event>(client, SUBSCRIPTION, 1);
    await connected;
    const created = await gql(
      first.url,
      first.adminKey,
      'mutation { createApiKey(input: { name: "from first", role: viewer }) { __typename } }',
    );
    expect(created.data?.createApiKey.__typename).toBe('CreateApiKeyPayload');
    expect((await events)[0]?.auditLogEntryCreated).toMatchObject({ action: 'apiKey.create', summary: { name: 'from first' } });
    await client.dispose();
  });
});
