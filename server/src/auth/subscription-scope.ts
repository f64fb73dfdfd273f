import type { Principal } from './principal.js';

/**
 * Which principals may share one execution of a subscription: those of the same project and
 * organization with the same role and organization-admin flag. Authorization (scope-auth on the
 * role, the project and organization in every query) decides what a subscriber may see from these
 * alone, so keys with the same scope see exactly the same events, field for field.
 */
export const subscriptionScopeKey = (principal: Principal): string =>
  JSON.stringify([principal.organizationId, principal.projectId, principal.role, principal.organizationAdmin]);

/**
 * The principal a shared subscription runs as: the scope of the key, without the key itself. It
 * serves every key of that scope, so a resolver reading which key is asking would show one key's
 * view to another; reading it throws instead, and the subscriber gets a masked internal error.
 */
export const scopeOnlyPrincipal = (principal: Principal): Principal => {
  const identity = (field: string) => () => {
    // A plain Error: a bug of ours, masked for the client and logged with its stack.
    throw new Error(`${field} was read by a subscription, which runs shared by every key of the same scope`);
  };
  return Object.freeze(
    Object.defineProperties(
      {
        projectId: principal.projectId,
        organizationId: principal.organizationId,
        role: principal.role,
        organizationAdmin: principal.organizationAdmin,
      },
      {
        apiKeyId: { get: identity('principal.apiKeyId'), enumerable: true },
        apiKeyName: { get: identity('principal.apiKeyName'), enumerable: true },
      },
    ) as Principal,
  );
};
