import type { Actor } from '../auth/principal.js';
import { uuidv7 } from '../datasets/uuid-v7.js';
import type { SqlSession } from '../db/sql-client.js';
import type { AuditChange } from './record-audit.js';

/**
 * recordAudit for work that runs in a raw SQL transaction (set-based writes): the entry commits
 * or rolls back with the change, exactly like the Prisma variant.
 */
export const recordAuditSql = async (tx: SqlSession, actor: Actor, change: AuditChange) => {
  const id = uuidv7();
  await tx.query(
    `INSERT INTO "AuditLogEntry" (id, "organizationId", "projectId", "actorApiKeyId", action, "entityType", "entityId", summary, "requestId")
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7, $8::jsonb, $9)`,
    [
      id,
      actor.organizationId,
      change.projectId,
      actor.apiKeyId,
      change.action,
      change.entityType,
      change.entityId,
      JSON.stringify(change.summary),
      actor.requestId,
    ],
  );
  return { id, projectId: change.projectId };
};
