import type { SqlClient, SqlSession } from '../db/sql-client.js';

/** What pg-boss calls on a custom `db`: one statement, or a script when there are no values. */
export type PgBossDb = {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
};

// pg-boss wraps its schema creation, migrations and maintenance in `BEGIN; … COMMIT;` scripts
// (with an advisory lock inside). Sent as one simple-protocol script, a failure half-way would
// leave the connection inside an aborted transaction: on PGlite's single connection that blocks
// every later statement. So such scripts run inside our own transaction, which rolls back.
const LOCKED_SCRIPT = /^\s*BEGIN\s*;([\s\S]*?);?\s*COMMIT\s*;?\s*$/i;

export const lockedScriptBody = (text: string): string | null => LOCKED_SCRIPT.exec(text)?.[1] ?? null;

/**
 * Runs pg-boss's SQL through our SqlClient, so the queue uses the same database (PGlite or the pg
 * pool) as everything else. `drain` waits for statements in flight, so the database can close
 * after the queue stops; statements after `close` are skipped, as pg-boss's own Db does.
 */
export const pgBossDb = (sql: SqlClient | SqlSession) => {
  let closed = false;
  const inFlight = new Set<Promise<unknown>>();
  const run = async (text: string, values?: unknown[]): Promise<{ rows: unknown[] }> => {
    const body = values === undefined || values.length === 0 ? lockedScriptBody(text) : null;
    if (body !== null) {
      if ('transaction' in sql) await sql.transaction((tx) => tx.exec(body));
      else await sql.exec(body);
      return { rows: [] };
    }
    return { rows: (await sql.query(text, values)) ?? [] };
  };
  return {
    executeSql: (text: string, values?: unknown[]) => {
      if (closed) return Promise.resolve({ rows: [] });
      const pending = run(text, values);
      inFlight.add(pending);
      const forget = () => inFlight.delete(pending);
      pending.then(forget, forget);
      return pending;
    },
    close: () => {
      closed = true;
    },
    drain: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
};
