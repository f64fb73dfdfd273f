import { describe, expect, it } from 'vitest';
import { createKeyVia } from './support/fixtures.js';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

const post = (url: string, headers: Record<string, string>, body: string) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('authentication', () => {
  const t = useTestServer();

  const query = JSON.stringify({ query: '{ viewer { role } }' });

  it.each([
    ['missing', {}, 'Missing API key'],
    ['not a bearer token', { authorization: 'Basic abc' }, 'Malformed Authorization header'],
    ['malformed key', { authorization: 'Bearer not-a-key' }, 'Malformed Authorization header'],
    ['unknown key', { authorization: `Bearer al_${'A'.repeat(43)}` }, 'Invalid or revoked API key'],
  ])('answers 401 for a %s key with a clear message', async (_label, headers, message) => {
    const response = await post(t.server.url, headers, query);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.message).toContain(message);
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 once a key is revoked, and the revoked key stays listed as revoked', async () => {
    const key = await createKeyVia(t.server.url, t.server.adminKey, { role: 'viewer' });
    expect((await gql(t.server.url, key.secret, '{ viewer { role } }')).data?.viewer.role).toBe('viewer');

    const revoke = await gql(
      t.server.url,
      t.server.adminKey,
      'mutation($id: ID!) { revokeApiKey(input: { id: $id }) { __typename ... on RevokeApiKeyPayload { apiKey { revokedAt } } } }',
      { id: key.id },
    );
    expect(revoke.data?.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));

    const response = await post(t.server.url, { authorization: `Bearer ${key.secret}` }, query);
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).toContain('Invalid or revoked API key');
  });

  it('answers malformed GraphQL with a standard 400, before looking at the key', async () => {
    const response = await post(t.server.url, {}, JSON.stringify({ query: '{ viewer { role ' }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toMatch(/Syntax Error/);
  });

  it('answers unknown fields with a validation error (400)', async () => {
    const response = await post(
      t.server.url,
      { authorization: `Bearer ${t.server.adminKey}` },
      JSON.stringify({ query: '{ nope }' }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/graphql-response+json');
  });

  it('keeps the legacy 200 for clients that ask for application/json only, as GraphQL over HTTP says', async () => {
    const response = await post(t.server.url, { accept: 'application/json' }, JSON.stringify({ query: '{ viewer { ' }));
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('Syntax Error');
  });

  it('echoes the x-request-id a caller sends, and mints one otherwise', async () => {
    const mine = await post(t.server.url, { authorization: `Bearer ${t.server.adminKey}`, 'x-request-id': 'trace-123' }, query);
    expect(mine.headers.get('x-request-id')).toBe('trace-123');
    const minted = await post(t.server.url, { authorization: `Bearer ${t.server.adminKey}` }, query);
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
