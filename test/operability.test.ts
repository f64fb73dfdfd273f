import { describe, expect, it } from 'vitest';
import { gql } from './support/graphql-client.js';
import { createTestDatabase } from './support/test-database.js';
import { startTestServer, useTestServer } from './support/test-server.js';

describe('operability endpoints', () => {
  const t = useTestServer();

  it('/healthz says the process is up, without a key', async () => {
    const response = await fetch(`${t.server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz reports each dependency', async () => {
    const response = await fetch(`${t.server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ready: true,
      checks: { database: { ok: true }, migrations: { ok: true, detail: expect.stringMatching(/^\d+ applied$/) } },
    });
  });

  it('/readyz answers 503 naming the dependency that is down', async () => {
    const brokenDatabase = await createTestDatabase();
    const broken = await startTestServer(brokenDatabase);
    await broken.database.sql.exec('DROP TABLE "_prisma_migrations"');
    const response = await fetch(`${broken.url}/readyz`);
    const body = (await response.json()) as { ready: boolean; checks: Record<string, { ok: boolean; detail?: string }> };
    await broken.stop();
    await brokenDatabase.drop();
    expect(response.status).toBe(503);
    expect(body.ready).toBe(false);
    expect(body.checks.migrations).toEqual({ ok: false, detail: expect.stringContaining('pending') });
  });

  it('/metrics exposes request counts and operation latency by operation name', async () => {
    await gql(t.server.url, t.server.adminKey, 'query WhoAmI { viewer { role } }');
    const text = await (await fetch(`${t.server.url}/metrics`)).text();
    expect(text).toMatch(
      /agentloop_graphql_operation_duration_seconds_count\{operation_name="WhoAmI",operation_type="query",outcome="ok"\} 1/,
    );
    expect(text).toMatch(/agentloop_http_requests_total\{route="\/graphql",method="POST",status="200"\} \d+/);
  });

  it('answers unknown paths with 404 and a pointer to /graphql', async () => {
    const response = await fetch(`${t.server.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Not found: /nope. GraphQL is served at /graphql.' });
  });
});

describe('readiness of configured dependencies', () => {
  const t = useTestServer({ env: { MEILI_HOST: 'http://127.0.0.1:9' } });

  it('reports a configured search server that does not answer, without taking the instance out of service', async () => {
    const response = await fetch(`${t.server.url}/readyz`);
    const body = (await response.json()) as { ready: boolean; checks: Record<string, Record<string, unknown>> };
    // Writes queue their index work while Meilisearch is down; only search waits for it.
    expect(response.status).toBe(200);
    expect(body.ready).toBe(true);
    expect(body.checks.database).toEqual({ ok: true });
    expect(body.checks.search).toMatchObject({ ok: false, optional: true, detail: expect.any(String) });
  });
});
