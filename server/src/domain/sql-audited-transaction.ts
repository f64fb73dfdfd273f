import type { AuditChange } from '../audit/record-audit.js';
import { recordAuditSql } from '../audit/record-audit-sql.js';
import type { Actor } from '../auth/principal.js';
import type { SqlClient, SqlSession } from '../db/sql-client.js';
import type { AppPubSub } from '../pubsub/create-pubsub.js';

/**
 * auditedTransaction for set-based work on the raw SQL client: the change and its audit entries
 * commit together, and the entries are announced only after the commit.
 */
export const sqlAuditedTransaction = async <T>(
  deps: { sql: SqlClient; pubsub: AppPubSub | null },
  actor: Actor,
  work: (tx: SqlSession) => Promise<{ result: T; audit: AuditChange[] }>,
): Promise<T> => {
  const { result, entries } = await deps.sql.transaction(async (tx) => {
    const { result, audit } = await work(tx);
    const entries = [];
    for (const change of audit) entries.push(await recordAuditSql(tx, actor, change));
    return { result, entries };
  });
  for (const entry of entries) {
    if (entry.projectId) deps.pubsub?.publish('auditLogEntryCreated', entry.projectId, { id: entry.id });
  }
  return result;
};
