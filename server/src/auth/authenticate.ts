import { preparedStatement, type SqlClient } from '../db/sql-client.js';
import { UnauthenticatedError } from '../errors/app-error.js';
import { hashApiKeySecret, looksLikeApiKeySecret } from './api-key-secret.js';
import type { Principal } from './principal.js';
import type { Role } from './roles.js';

// lastUsedAt is for people deciding which keys to revoke; minute precision is plenty
// and keeps a write off most requests.
const LAST_USED_GRANULARITY_MS = 60_000;

type KeyRow = Omit<Principal, 'apiKeyId' | 'apiKeyName'> & {
  id: string;
  name: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const SELECT_KEY = preparedStatement(
  'select_api_key',
  `SELECT k.id::text, k.name, k."projectId"::text AS "projectId", p."organizationId"::text AS "organizationId",
          k.role::text AS role, k."organizationAdmin", k."lastUsedAt", k."revokedAt"
     FROM "ApiKey" k JOIN "Project" p ON p.id = k."projectId"
    WHERE k."secretHash" = $1`,
);

/**
 * `Authorization: Bearer <key>` → the key's principal, or a 401-worthy error saying what is wrong.
 * Plain SQL, not Prisma: it runs before every request and subscription, and the ORM's query
 * cost ~4 ms of CPU more per call on the embedded database (measured with process.cpuUsage).
 */
export const authenticate = async (
  sql: Pick<SqlClient, 'query'>,
  authorization: string | null | undefined,
): Promise<Principal> => {
  if (!authorization) {
    throw new UnauthenticatedError('Missing API key: send it as "Authorization: Bearer <key>"');
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1] || !looksLikeApiKeySecret(match[1])) {
    throw new UnauthenticatedError('Malformed Authorization header: expected "Bearer al_…" with an AgentLoop API key');
  }
  const [key] = await sql.query<KeyRow>(SELECT_KEY, [hashApiKeySecret(match[1])]);
  // Unknown and revoked keys get the same answer, so a leaked prefix tells an attacker nothing.
  if (!key || key.revokedAt) throw new UnauthenticatedError('Invalid or revoked API key');
  const now = Date.now();
  if (!key.lastUsedAt || now - new Date(key.lastUsedAt).getTime() > LAST_USED_GRANULARITY_MS) {
    await sql.query(`UPDATE "ApiKey" SET "lastUsedAt" = $2 WHERE id = $1::uuid`, [key.id, new Date(now)]);
  }
  return {
    apiKeyId: key.id,
    apiKeyName: key.name,
    projectId: key.projectId,
    organizationId: key.organizationId,
    role: key.role as Role,
    organizationAdmin: key.organizationAdmin && key.role === 'admin',
  };
};
