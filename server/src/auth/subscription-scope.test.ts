import { describe, expect, it } from 'vitest';
import type { Principal } from './principal.js';
import { scopeOnlyPrincipal, subscriptionScopeKey } from './subscription-scope.js';

const principal: Principal = {
  apiKeyId: 'key-1',
  apiKeyName: 'dashboard',
  projectId: 'project-a',
  organizationId: 'org',
  role: 'viewer',
  organizationAdmin: false,
};

describe('subscriptionScopeKey', () => {
  it('is the same for keys of one project and role, whatever the key', () => {
    expect(subscriptionScopeKey({ ...principal, apiKeyId: 'key-2', apiKeyName: 'other' })).toBe(subscriptionScopeKey(principal));
  });

  it('differs by project, organization, role and organization-admin flag', () => {
    const keys = [
      principal,
      { ...principal, projectId: 'project-b' },
      { ...principal, organizationId: 'org-2' },
      { ...principal, role: 'admin' as const },
      { ...principal, organizationAdmin: true },
    ].map(subscriptionScopeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('scopeOnlyPrincipal', () => {
  it('keeps the scope and refuses to say which key is asking', () => {
    const scoped = scopeOnlyPrincipal(principal);
    expect([scoped.projectId, scoped.organizationId, scoped.role, scoped.organizationAdmin]).toEqual([
      'project-a',
      'org',
      'viewer',
      false,
    ]);
    expect(() => scoped.apiKeyId).toThrow(/principal.apiKeyId was read by a subscription/);
    expect(() => scoped.apiKeyName).toThrow(/principal.apiKeyName/);
    expect(() => ({ ...scoped })).toThrow();
  });
});
