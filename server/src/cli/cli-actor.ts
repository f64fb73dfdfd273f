import type { Actor } from '../auth/principal.js';

/**
 * The operator at the CLI acts with the database's own authority, not through a key, so the
 * audit log records these changes with no actor key and no request.
 */
export const cliActor = (organizationId: string): Actor => ({
  apiKeyId: null,
  organizationId,
  projectId: null,
  requestId: null,
});
