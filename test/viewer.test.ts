import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './support/graphql-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestServer, type TestServer } from './support/test-server.js';

describe('viewer', () => {
  let database: TestDatabase;
  let server: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestServer(database);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('answers as the bootstrap key: admin of the default project', async () => {
    const res = await gql(
      server.url,
      server.adminKey,
      '{ viewer { role organizationAdmin project { name } organization { name } } }',
    );
    expect(res.status).toBe(200);
    expect(res.data?.viewer).toEqual({
      role: 'admin',
      organizationAdmin: true,
      project: { name: 'default' },
      organization: { name: 'Default organization' },
    });
  });
});
