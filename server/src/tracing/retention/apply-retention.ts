import type { SqlClient } from '../../db/sql-client.js';

// Small batches keep each delete's locks and WAL short, so ingestion never waits long on it.
const BATCH = 5_000;

const TABLES = [
  { table: 'Span', time: 'startTime' },
  { table: 'Trace', time: 'startTime' },
  { table: 'LogRecord', time: 'timestamp' },
] as const;

const deleteBatch = (table: string, time: string) => `
  DELETE FROM "${table}" WHERE id IN (
    SELECT x.id FROM "${table}" x JOIN "Project" p ON p.id = x."projectId"
    WHERE p."retentionDays" IS NOT NULL AND x."${time}" < $1::timestamptz - make_interval(days => p."retentionDays")
    LIMIT ${BATCH})`;

/**
 * Deletes telemetry older than each project's retention, in batches until none is left.
 * Returns how many rows went per table. Projects without retention keep everything.
 */
export const applyRetention = async (sql: SqlClient, now: Date): Promise<Record<string, number>> => {
  const deleted: Record<string, number> = {};
  for (const { table, time } of TABLES) {
    deleted[table] = 0;
    for (;;) {
      const rows = await sql.query<{ count: number }>(
        `WITH d AS (${deleteBatch(table, time)} RETURNING 1) SELECT count(*)::int AS count FROM d`,
        [now.toISOString()],
      );
      const count = rows[0]?.count ?? 0;
      deleted[table] += count;
      if (count < BATCH) break;
    }
  }
  return deleted;
};
