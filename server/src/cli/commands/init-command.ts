import { z } from 'zod';
import { applyMigrations } from '../../db/migrations/apply-migrations.js';
import { bootstrapIfEmpty } from '../../domain/bootstrap.js';
import { defineCommand } from '../define-command.js';
import { plural } from '../human-format.js';
import { databaseLocation, withDatabase } from '../with-database.js';

export const initCommand = defineCommand({
  path: ['init'],
  summary: 'Migrate, and on an empty database create the default organization, project and admin key',
  synopsis: '',
  details: [
    'Does what the server does on its first start, so a script can prepare a database before',
    'starting it. The admin key (an organization admin) is printed once; only its hash is stored.',
    'On a database that already has data it only applies pending migrations.',
  ],
  usesDatabase: true,
  schema: z.object({}),
  run: (_input, env) =>
    withDatabase(env, { requireMigrated: false }, async (database) => {
      const { applied } = await applyMigrations(database.sql);
      const bootstrap = await bootstrapIfEmpty(database.prisma);
      const target = databaseLocation(database.config.database);
      const lines = [
        `Database: ${target.description}`,
        applied.length > 0 ? `Applied ${plural(applied.length, 'migration')}.` : 'Migrations: up to date.',
      ];
      if (bootstrap) {
        lines.push(
          'Created the default organization, the project "default" and an organization-admin API key.',
          'The key is shown only now; store it somewhere safe:',
          '',
          `  ${bootstrap.apiKeySecret}`,
        );
      } else {
        lines.push('The database already has an organization; nothing to bootstrap.');
      }
      return {
        json: {
          database: { kind: target.kind, location: target.location },
          applied,
          bootstrap: bootstrap && {
            organizationId: bootstrap.organizationId,
            projectId: bootstrap.projectId,
            secret: bootstrap.apiKeySecret,
          },
        },
        text: lines.join('\n'),
      };
    }),
});
