import { UnauthenticatedError } from '../errors/app-error.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { hashApiKeySecret, looksLikeApiKeySecret } from './api-key-secret.js';
import type { Principal } from './principal.js';

// lastUsedAt is for people deciding which keys to revoke; minute precision is plenty
// and keeps a write off most requests.
const LAST_USED_GRANULARITY_MS = 60_000;

/** `Authorization: Bearer <key>` → the key's principal, or a 401-worthy error saying what is wrong. */
export const authenticate = async (prisma: PrismaClient, authorization: string | null | undefined): Promise<Principal> => {
  if (!authorization) {
    throw new UnauthenticatedError('Missing API key: send it as "Authorization: Bearer <key>"');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1] || !looksLikeApiKeySecret(match[1])) {
    throw new UnauthenticatedError('Malformed Authorization header: expected "Bearer al_…" with an AgentLoop API key');
  }
  const key = await prisma.apiKey.findUnique({
    where: { secretHash: hashApiKeySecret(match[1]) },
    include: { project: { select: { organizationId: true } } },
  });
  // Unknown and revoked keys get the same answer, so a leaked prefix tells an attacker nothing.
  if (!key || key.revokedAt) throw new UnauthenticatedError('Invalid or revoked API key');
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    apiKeyId: key.id,
    apiKeyName: key.name,
    projectId: key.projectId,
    organizationId: key.project.organizationId,
    role: key.role,
    organizationAdmin: key.organizationAdmin && key.role === 'admin',
  };
};
