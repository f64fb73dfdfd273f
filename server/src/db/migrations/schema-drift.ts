import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgliteSqlClient } from '../open-pglite.js';
import { applyMigrations } from './apply-migrations.js';
import { defaultMigrationsDir } from './migration-files.js';
import { withSchemaEngine } from './schema-engine.js';

export const defaultSchemaPath = fileURLToPath(new URL('../../../../prisma/schema.prisma', import.meta.url));

const EMPTY_MIGRATION = /^(\s*--[^\n]*\n?)*\s*$/;

/**
 * The SQL that would take a database built from the committed migrations to what
 * schema.prisma describes. Empty means no drift. It is also the body of the next migration.
 */
export const pendingSchemaChange = async (
  options: { schemaPath?: string; migrationsDir?: string } = {},
): Promise<string | null> => {
  const schemaPath = options.schemaPath ?? defaultSchemaPath;
  const files = [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }];
  return withSchemaEngine(files, async (engine, database) => {
    await applyMigrations(pgliteSqlClient(database), options.migrationsDir ?? defaultMigrationsDir);
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: dirname(schemaPath) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      // Our migrations table is not part of the Prisma schema; the engine knows to ignore it.
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = result.stdout ?? '';
    return EMPTY_MIGRATION.test(sql) ? null : sql;
  });
};
