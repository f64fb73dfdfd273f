import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** prisma/migrations of this checkout, wherever the process was started from. */
export const defaultMigrationsDir = fileURLToPath(new URL('../../../../prisma/migrations', import.meta.url));

export type MigrationFile = {
  /** The folder name, e.g. `20261121143000_init`; also the `migration_name` Prisma records. */
  name: string;
  sql: string;
  /** sha256 of migration.sql, exactly the checksum `prisma migrate` records. */
  checksum: string;
};

/** Reads Prisma's standard layout: one folder per migration, sorted by its timestamp prefix. */
export const readMigrations = async (dir: string = defaultMigrationsDir): Promise<MigrationFile[]> => {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
};
