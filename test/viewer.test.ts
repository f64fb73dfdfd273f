import { describe, expect, it } from 'vitest';
import { gql } from './support/graphql-client.js';
import { useTestServer } from './support/test-server.js';

describe('viewer', () => {
  const t = useTestServer();

  it('answers as the bootstrap key: admin of the default project', async () => {
    const res = await gql(
      t.server.url,
      t.server.adminKey,
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
