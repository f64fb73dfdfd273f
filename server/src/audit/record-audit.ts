import type { Actor } from '../auth/principal.js';
import type { Prisma } from '../generated/prisma/client.js';

export type AuditChange = {
  action: string;
  entityType: string;
  entityId: string;
  /** The entity's project; null for organization-level entities. */
  projectId: string | null;
  /** What changed, e.g. `{ name: { from, to } }`; never secrets. */
  summary: Prisma.InputJsonValue;
};

/** Call inside the transaction that makes the change, so the trail and the change commit together. */
export const recordAudit = (tx: Prisma.TransactionClient, actor: Actor, change: AuditChange) =>
  tx.auditLogEntry.create({
    data: {
      organizationId: actor.organizationId,
      projectId: change.projectId,
      actorApiKeyId: actor.apiKeyId,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      summary: change.summary,
      requestId: actor.requestId,
    },
  });
