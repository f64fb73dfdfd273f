import type { SqlClient } from './sql-client.js';

/** How often the embedded database looks for tables that need it; PostgreSQL's own naptime is 60 s. */
export const EMBEDDED_AUTOVACUUM_INTERVAL_MS = 30_000;

type TableActivity = {
  schema: string;
  table: string;
  vacuum: boolean;
};

/**
 * The tables PostgreSQL's autovacuum would pick now, by its default thresholds: ANALYZE once
 * 50 + 10% of the rows changed since the last one, VACUUM once 50 + 20% are dead. A table never
 * analyzed has reltuples -1 (unknown), which counts as empty so its first bulk load qualifies.
 */
const tablesDue = (sql: SqlClient) =>
  sql.query<TableActivity>(
    `SELECT s.schemaname AS schema, s.relname AS "table",
            s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0) AS vacuum
       FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
         OR s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0)
      ORDER BY s.n_mod_since_analyze DESC`,
  );

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * One autovacuum round: VACUUM (ANALYZE) or ANALYZE each table that is due. Returns the tables
 * it worked on, as `schema.table`.
 */
export const autovacuumOnce = async (sql: SqlClient): Promise<string[]> => {
  // Row counts reach pg_stat_user_tables at most once a second; flush them first, so a round
  // right after a bulk load sees it.
  await sql.query('SELECT pg_stat_force_next_flush()');
  const done: string[] = [];
  for (const { schema, table, vacuum } of await tablesDue(sql)) {
    const name = `${quoteIdent(schema)}.${quoteIdent(table)}`;
    await sql.exec(vacuum ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
    done.push(`${schema}.${table}`);
  }
  return done;
};

/**
 * PGlite runs no autovacuum, so a table filled in bulk keeps the planner's guesses for an empty
 * one: reading 20 search hits back by id from 100k dataset records took a 49 ms bitmap scan on
 * the (project, dataset) index instead of 3 ms on the primary key. This does its job for the
 * embedded database, on a timer; PostgreSQL does it itself. Returns a stop that waits for a
 * round in progress, so the database can close after it.
 */
export const startEmbeddedAutovacuum = (
  sql: SqlClient,
  databaseKind: 'pglite' | 'postgres',
  onError: (error: unknown) => void,
  intervalMs = EMBEDDED_AUTOVACUUM_INTERVAL_MS,
): (() => Promise<void>) => {
  if (databaseKind === 'postgres') return async () => {};
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(() => (stopped ? [] : autovacuumOnce(sql).catch(onError)));
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
};
