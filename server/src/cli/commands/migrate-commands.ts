import { z } from 'zod';
import { applyMigrations, migrationStatus } from '../../db/migrations/apply-migrations.js';
import { defineCommand } from '../define-command.js';
import { plural } from '../human-format.js';
import { databaseLocation, withDatabase } from '../with-database.js';

export const migrateCommand = defineCommand({
  path: ['migrate'],
  summary: 'Apply pending database migrations',
  synopsis: '',
  details: [
    'Applies each pending migration in its own transaction, under the same lock and bookkeeping as',
    '`prisma migrate deploy`, so it is safe while other instances start. Running it twice is harmless.',
  ],
  usesDatabase: true,
  schema: z.object({}),
  run: (_input, env) =>
    withDatabase(env, { requireMigrated: false }, async (database) => {
      const { applied } = await applyMigrations(database.sql);
      const target = databaseLocation(database.config.database);
      return {
        json: { database: { kind: target.kind, location: target.location }, applied },
        text:
          applied.length > 0
            ? `Applied ${plural(applied.length, 'migration')} to the ${target.description}:\n${applied.map((name) => `  ${name}`).join('\n')}`
            : `No pending migrations: the ${target.description} is up to date.`,
      };
    }),
});

const section = (title: string, names: string[]) => (names.length > 0 ? [`${title}:`, ...names.map((name) => `  ${name}`)] : []);

export const migrateStatusCommand = defineCommand({
  path: ['migrate', 'status'],
  summary: 'Show applied and pending migrations (changes nothing)',
  synopsis: '',
  details: ['Exits 0 whether or not migrations are pending; scripts read "upToDate" from --json.'],
  usesDatabase: true,
  schema: z.object({}),
  run: (_input, env) =>
    withDatabase(env, { requireMigrated: false }, async (database) => {
      const status = await migrationStatus(database.sql);
      const target = databaseLocation(database.config.database);
      const upToDate = status.pending.length === 0 && status.failed.length === 0;
      return {
        json: { database: { kind: target.kind, location: target.location }, upToDate, ...status },
        text: [
          `Database: ${target.description}`,
          `${plural(status.applied.length, 'migration')} applied, ${status.pending.length} pending.`,
          ...section('Pending', status.pending),
          ...section('Failed (needs a person; see `prisma migrate resolve`)', status.failed),
          ...section('Changed since they were applied', status.modified),
        ].join('\n'),
      };
    }),
});
