import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Database } from '../../server/src/db/database.js';
import { openDatabase } from '../../server/src/db/open-database.js';

/** Where a benchmark's server keeps its data, and how to get rid of it afterwards. */
export type BenchDatabase = {
  /** Reported with the results: numbers from the two engines are not comparable. */
  kind: 'pglite-memory' | 'postgres';
  database: Database;
  /** The Postgres database's own URL, for work beside the server's pool (COPY); absent for PGlite. */
  url?: string;
  /** Closes the handle and, for Postgres, drops the database the benchmark created. */
  dispose(): Promise<void>;
};

// Matches the server's default AGENTLOOP_DB_POOL_SIZE, so the numbers reflect a default deployment.
const POOL_SIZE = 10;
const OBJECT_IN_USE = '55006';

/**
 * An in-memory PGlite, the embedded default; or, when DATABASE_URL is set, a fresh database on
 * that PostgreSQL server, so a run never measures (or touches) data that was already there.
 */
export const openBenchDatabase = async (env: Record<string, string | undefined> = process.env): Promise<BenchDatabase> => {
  const adminUrl = env.DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({ kind: 'pglite-memory' });
    return { kind: 'pglite-memory', database, dispose: () => database.close() };
  }
  const name = `agentloop_bench_${randomBytes(6).toString('hex')}`;
  const runAdmin = async (sql: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  // pool.end() can resolve before Postgres has seen every connection close. WITH (FORCE) would then
  // kill a connection the closed pool still listens to, and its unhandled 'error' crashes the process,
  // so wait for the database to be idle and force only as a last resort.
  const drop = async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        await runAdmin(`DROP DATABASE IF EXISTS ${name}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== OBJECT_IN_USE) throw error;
        await sleep(100);
      }
    }
    await runAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  await runAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: POOL_SIZE });
    return {
      kind: 'postgres',
      database,
      url: url.toString(),
      dispose: async () => {
        await database.close();
        await drop();
      },
    };
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
};
