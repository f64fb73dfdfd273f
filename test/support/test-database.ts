import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { applyMigrations } from '../../server/src/db/migrations/apply-migrations.js';
import { openDatabase } from '../../server/src/db/open-database.js';

/**
 * Where a test's server keeps its data: a fresh database on the PostgreSQL at DATABASE_URL when
 * that is set (CI always sets it), otherwise an in-memory PGlite, the embedded default.
 */
export type TestDatabase = {
  kind: 'postgres' | 'pglite';
  /** Opens a handle; with PGlite every caller shares the one in-memory instance. */
  open(): Promise<Database>;
  /** The connection string of the fresh Postgres database, if any. */
  url: string | undefined;
  drop(): Promise<void>;
};

export const usingPostgres = () => Boolean(process.env.DATABASE_URL);

export const createTestDatabase = async (): Promise<TestDatabase> => {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const shared = await openDatabase({ kind: 'pglite-memory' });
    // The server must not close what other instances in the test still use.
    const handle: Database = { ...shared, close: async () => {} };
    return { kind: 'pglite', url: undefined, open: async () => handle, drop: () => shared.close() };
  }
  const name = `agentloop_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const opened: Database[] = [];
  return {
    kind: 'postgres',
    url: url.toString(),
    open: async () => {
      const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
      opened.push(database);
      return database;
    },
    drop: async () => {
      await Promise.allSettled(opened.map((d) => d.close()));
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
};

/**
 * A migrated test database with one organization and project, for tests of domain code below
 * the HTTP surface (writers, seeders). Read `.db` / `.projectId` inside hooks and tests.
 */
export const useProjectDatabase = () => {
  const context = {} as { database: TestDatabase; db: Database; projectId: string };
  beforeAll(async () => {
    context.database = await createTestDatabase();
    context.db = await context.database.open();
    await applyMigrations(context.db.sql);
    const org = await context.db.prisma.organization.create({ data: { name: 'org' } });
    context.projectId = (await context.db.prisma.project.create({ data: { name: 'p', organizationId: org.id } })).id;
  });
  afterAll(async () => {
    await context.database?.drop();
  });
  return context;
};
