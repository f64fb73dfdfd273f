import type { SqlClient } from '../../db/sql-client.js';

/** A RUNNING import's heartbeat moves at least this often while its process lives. */
export const IMPORT_HEARTBEAT_MS = 5_000;
/** Six missed heartbeats: the process that ran it is gone. */
export const IMPORT_STALE_MS = 30_000;

export const INTERRUPTED_REASON = 'interrupted: the server running it stopped before it finished';

/**
 * Fails RUNNING imports whose process is gone, so none stays RUNNING forever. `all`: every RUNNING
 * import, for the embedded database at start (only one process can open it, so none is alive);
 * otherwise those whose heartbeat is stale (another instance on the same PostgreSQL may be
 * running the others). Rows committed before the interruption stay, as the counters say.
 */
export const sweepInterruptedImports = async (sql: SqlClient, options: { all: boolean }): Promise<number> => {
  const rows = await sql.query<{ id: string }>(
    `UPDATE "DatasetImport" SET status = 'FAILED', "failureReason" = $1, "finishedAt" = now()
     WHERE status = 'RUNNING' AND ($2 OR "heartbeatAt" < now() - make_interval(secs => $3))
     RETURNING id::text`,
    [INTERRUPTED_REASON, options.all, IMPORT_STALE_MS / 1000],
  );
  return rows.length;
};

/**
 * Sweeps at start, then every IMPORT_STALE_MS while the process runs (PostgreSQL only: an instance
 * that died while others live is noticed by them). Returns the stop function.
 */
export const startImportSweeper = async (
  sql: SqlClient,
  databaseKind: 'pglite' | 'postgres',
  onError: (error: unknown) => void,
): Promise<() => void> => {
  await sweepInterruptedImports(sql, { all: databaseKind === 'pglite' });
  if (databaseKind === 'pglite') return () => {};
  const timer = setInterval(() => {
    sweepInterruptedImports(sql, { all: false }).catch(onError);
  }, IMPORT_STALE_MS);
  timer.unref();
  return () => clearInterval(timer);
};
