import type { SqlClient } from '../../server/src/db/sql-client.js';
import { LOCK_TRACES } from '../../server/src/tracing/refresh-traces.js';

/**
 * Holds the per-trace advisory locks that ingestion, log writing and retention take, in a
 * transaction of its own, until the returned release is called: writers queue behind it in the
 * order a test starts them, which is how the concurrency tests force an interleaving (PostgreSQL
 * only; PGlite runs one transaction at a time).
 */
export const holdTraceLocks = async (sql: SqlClient, projectId: string, traceIds: string[]) => {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const holding = sql.transaction(async (tx) => {
    await tx.query(LOCK_TRACES, [projectId, traceIds]);
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await holding;
  };
};
