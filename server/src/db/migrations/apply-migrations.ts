import { randomUUID } from 'node:crypto';
import type { SqlClient, SqlSession } from '../sql-client.js';
import { type MigrationFile, readMigrations } from './migration-files.js';

// The same table and lock id `prisma migrate deploy` uses, so the CLI and the server agree
// on what is applied whichever of them ran a migration.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;
const PRISMA_ADVISORY_LOCK = 72707369;

type MigrationRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export type MigrationStatus = {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed since; Prisma warns about these too. */
  modified: string[];
  /** Started but neither finished nor rolled back: needs a human, as with Prisma's P3009. */
  failed: string[];
};

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

const tableExists = async (session: SqlSession) =>
  (await session.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`))[0]?.exists ===
  true;

const appliedRows = async (session: SqlSession): Promise<MigrationRow[]> =>
  (await tableExists(session))
    ? session.query<MigrationRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      )
    : [];

const statusOf = (files: MigrationFile[], rows: MigrationRow[]): MigrationStatus => {
  const live = rows.filter((r) => r.rolled_back_at === null);
  const done = new Map(live.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r]));
  return {
    applied: files.filter((f) => done.has(f.name)).map((f) => f.name),
    pending: files.filter((f) => !done.has(f.name)).map((f) => f.name),
    modified: files.filter((f) => done.has(f.name) && done.get(f.name)?.checksum !== f.checksum).map((f) => f.name),
    failed: live.filter((r) => r.finished_at === null).map((r) => r.migration_name),
  };
};

export const migrationStatus = async (sql: SqlClient, migrationsDir?: string): Promise<MigrationStatus> =>
  statusOf(await readMigrations(migrationsDir), await appliedRows(sql));

const applyOne = async (session: SqlSession, migration: MigrationFile) => {
  const id = randomUUID();
  await session.exec('BEGIN');
  try {
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await session.exec(migration.sql);
    await session.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK');
    // Postgres DDL is transactional, so nothing of the migration remains. Record the attempt as
    // rolled back (as `prisma migrate resolve --rolled-back` would) so the next start retries it.
    const message = error instanceof Error ? error.message : String(error);
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), now(), 0)`,
      [id, migration.checksum, migration.name, message],
    );
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${message}`, { cause: error });
  }
};

/**
 * Applies pending migrations in order, each in its own transaction, under Prisma's advisory
 * lock so that several instances starting together apply each migration once.
 */
export const applyMigrations = async (sql: SqlClient, migrationsDir?: string): Promise<{ applied: string[] }> => {
  const files = await readMigrations(migrationsDir);
  return sql.withSession(async (session) => {
    await session.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK})`);
    try {
      await session.exec(CREATE_MIGRATIONS_TABLE);
      const status = statusOf(files, await appliedRows(session));
      if (status.failed.length > 0) {
        throw new MigrationError(
          `Migration ${status.failed.join(', ')} failed earlier and was not rolled back. Fix the database, then run ` +
            '`npx prisma migrate resolve --rolled-back <name>` (or mark it applied) and start again.',
        );
      }
      const pending = files.filter((f) => status.pending.includes(f.name));
      for (const migration of pending) await applyOne(session, migration);
      return { applied: pending.map((m) => m.name) };
    } finally {
      await session.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK})`);
    }
  });
};
