import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../graphql/global-id.js';
import { idArgument } from './id-argument.js';

const uuid = '0190f1e2-3a4b-7c5d-8e6f-0123456789ab';
const projectId = idArgument('Project');

describe('idArgument', () => {
  it('accepts a database UUID as it is, whatever its case', () => {
    expect(projectId.parse(uuid)).toBe(uuid);
    expect(projectId.parse(uuid.toUpperCase())).toBe(uuid);
  });

  it('accepts the GraphQL global ID of the right type', () => {
    expect(projectId.parse(encodeGlobalId('Project', uuid))).toBe(uuid);
  });

  it('says when a global ID is of another type', () => {
    const result = idArgument('ApiKey').safeParse(encodeGlobalId('Project', uuid));
    expect(result.error?.issues[0]?.message).toBe('that is the GraphQL ID of a Project, not of an ApiKey');
  });

  it('rejects anything else', () => {
    for (const value of ['', 'default', '12345', encodeGlobalId('Project', 'not-a-uuid')]) {
      expect(projectId.safeParse(value).error?.issues[0]?.message).toBe('expected a Project ID (a UUID or a GraphQL global ID)');
    }
  });
});
