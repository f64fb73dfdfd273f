import type { Role } from './roles.js';

/** Who is calling: always one API key, hence one project and one organization. */
export type Principal = {
  apiKeyId: string;
  apiKeyName: string;
  projectId: string;
  organizationId: string;
  role: Role;
  /** An admin of the whole organization, not just of its own project. */
  organizationAdmin: boolean;
};

/** Who did something, as the audit log records it. The CLI acts without a key. */
export type Actor = {
  apiKeyId: string | null;
  organizationId: string;
  projectId: string | null;
  requestId: string | null;
};

export const actorOf = (principal: Principal, requestId: string | null): Actor => ({
  apiKeyId: principal.apiKeyId,
  organizationId: principal.organizationId,
  projectId: principal.projectId,
  requestId,
});
