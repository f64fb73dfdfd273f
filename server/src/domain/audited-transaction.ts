import { type AuditChange, recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../auth/principal.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { ServiceDeps } from './service-deps.js';

/**
 * Runs a mutation and its audit entries in one transaction, then announces the entries.
 * Publishing happens after commit: subscribers must never see a change that rolled back.
 */
export const auditedTransaction = async <T>(
  deps: ServiceDeps,
  actor: Actor,
  work: (tx: Prisma.TransactionClient) => Promise<{ result: T; audit: AuditChange[] }>,
): Promise<T> => {
  const { result, entries } = await deps.prisma.$transaction(async (tx) => {
    const { result, audit } = await work(tx);
    const entries = [];
    for (const change of audit) entries.push(await recordAudit(tx, actor, change));
    return { result, entries };
  });
  for (const entry of entries) {
    if (entry.projectId) deps.pubsub?.publish('auditLogEntryCreated', entry.projectId, { id: entry.id });
  }
  return result;
};
