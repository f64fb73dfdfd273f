import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/src/db/database.js';
import { applyMigrations, MigrationError, migrationStatus } from '../server/src/db/migrations/apply-migrations.js';
import { createMigration } from '../server/src/db/migrations/create-migration.js';
import { defaultMigrationsDir, readMigrations } from '../server/src/db/migrations/migration-files.js';
import { defaultSchemaPath, pendingSchemaChange } from '../server/src/db/migrations/schema-drift.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

describe('migrations', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'agentloop-migrations-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('the committed migrations produce exactly prisma/schema.prisma (no drift)', async () => {
    const drift = await pendingSchemaChange();
    expect(drift, `schema.prisma changed without a migration; run \`npm run db:migration -- <name>\`:\n${drift}`).toBeNull();
  });

  it('notices a schema change that has no migration, and writes that migration', async () => {
    const schemaPath = join(scratch, 'schema.prisma');
    const migrationsDir = join(scratch, 'migrations');
    await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
    const schema = await readFile(defaultSchemaPath, 'utf8');
    await writeFile(schemaPath, `${schema}\nmodel DriftProbe {\n  id String @id\n}\n`);

    const drift = await pendingSchemaChange({ schemaPath, migrationsDir });
    expect(drift).toContain('CREATE TABLE "DriftProbe"');

    const created = await createMigration('add_drift_probe', {
      schemaPath,
      migrationsDir,
      now: new Date('2030-01-02T03:04:05Z'),
    });
    expect(created?.path).toBe(join(migrationsDir, '20300102030405_add_drift_probe'));
    expect(await pendingSchemaChange({ schemaPath, migrationsDir })).toBeNull();
  });

  describe('applying', () => {
    let database: TestDatabase;
    let handle: Database;
    beforeAll(async () => {
      database = await createTestDatabase();
      handle = await database.open();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('records each migration in _prisma_migrations as prisma migrate deploy does, once', async () => {
      const first = await applyMigrations(handle.sql);
      const files = await readMigrations();
      expect(first.applied).toEqual(files.map((f) => f.name));
      expect(await applyMigrations(handle.sql)).toEqual({ applied: [] });

      const rows = await handle.sql.query<{
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        applied_steps_count: number;
      }>('SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY started_at');
      expect(rows.map((r) => ({ ...r, finished_at: r.finished_at !== null }))).toEqual(
        await Promise.all(
          files.map(async (f) => ({
            migration_name: f.name,
            checksum: createHash('sha256')
              .update(await readFile(join(defaultMigrationsDir, f.name, 'migration.sql')))
              .digest('hex'),
            finished_at: true,
            applied_steps_count: 1,
          })),
        ),
      );
      expect(await migrationStatus(handle.sql)).toEqual({
        applied: files.map((f) => f.name),
        pending: [],
        modified: [],
        failed: [],
      });
    });

    it('rolls a failing migration back completely and records the attempt as rolled back', async () => {
      const migrationsDir = join(scratch, 'broken');
      await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
      await mkdir(join(migrationsDir, '20990101000000_broken'));
      await writeFile(
        join(migrationsDir, '20990101000000_broken', 'migration.sql'),
        'CREATE TABLE "HalfDone" ("id" TEXT PRIMARY KEY);\nSELECT * FROM "NoSuchTable";\n',
      );
      await expect(applyMigrations(handle.sql, migrationsDir)).rejects.toThrow(MigrationError);
      const tables = await handle.sql.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'HalfDone'`);
      expect(tables).toEqual([]);
      const status = await migrationStatus(handle.sql, migrationsDir);
      expect(status.pending).toEqual(['20990101000000_broken']);
      expect(status.failed).toEqual([]);
      const [attempt] = await handle.sql.query<{ logs: string; rolled_back_at: Date | null }>(
        `SELECT logs, rolled_back_at FROM "_prisma_migrations" WHERE migration_name = '20990101000000_broken'`,
      );
      expect(attempt?.rolled_back_at).not.toBeNull();
      expect(attempt?.logs).toContain('NoSuchTable');
    });
  });
});
