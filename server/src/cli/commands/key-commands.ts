import { z } from 'zod';
import { ROLES } from '../../auth/roles.js';
import { createApiKey, revokeApiKey } from '../../domain/api-keys.js';
import { displayName } from '../../domain/names.js';
import { NotFoundError } from '../../errors/app-error.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { cliActor } from '../cli-actor.js';
import { defineCommand } from '../define-command.js';
import { formatTable, formatTimestamp } from '../human-format.js';
import { idArgument } from '../id-argument.js';
import { withDatabase } from '../with-database.js';

const roleLabel = (key: { role: string; organizationAdmin: boolean }) =>
  key.organizationAdmin ? `${key.role} (organization admin)` : key.role;

export const keyCreateCommand = defineCommand({
  path: ['key', 'create'],
  summary: 'Create an API key for a project and print its secret once',
  synopsis: `--project <projectId> --name <name> --role <${ROLES.join('|')}> [--organization-admin]`,
  details: [
    '  --project <projectId>   The project the key belongs to.',
    '  --name <name>           What the key is for, e.g. "ci" or "production agent".',
    '  --role <role>           ingest: send telemetry only; viewer: also read; member: also write;',
    '                          admin: also manage the project and its keys.',
    '  --organization-admin    With --role admin: may manage every project of the organization.',
    '',
    'Only a hash of the secret is stored: it cannot be shown again. Audited like the GraphQL mutation.',
  ],
  usesDatabase: true,
  options: {
    project: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    'organization-admin': { type: 'boolean' },
  },
  schema: z
    .object({
      project: idArgument('Project'),
      name: displayName,
      role: z.enum(ROLES, { error: `expected one of ${ROLES.join(', ')}` }),
      'organization-admin': z.boolean().default(false),
    })
    .refine((input) => !input['organization-admin'] || input.role === 'admin', {
      path: ['organization-admin'],
      message: 'requires --role admin',
    }),
  run: (input, env) =>
    withDatabase(env, { requireMigrated: true }, async ({ prisma, deps }) => {
      const project = await prisma.project.findUnique({ where: { id: input.project } });
      if (!project) throw new NotFoundError('Project', input.project);
      const key = await createApiKey(deps, null, cliActor(project.organizationId), {
        projectId: project.id,
        name: input.name,
        role: input.role,
        organizationAdmin: input['organization-admin'],
      });
      return {
        json: {
          id: key.id,
          globalId: encodeGlobalId('ApiKey', key.id),
          projectId: key.projectId,
          name: key.name,
          role: key.role,
          organizationAdmin: key.organizationAdmin,
          prefix: key.prefix,
          createdAt: key.createdAt,
          secret: key.secret,
        },
        text: [
          `Created API key "${key.name}" (${roleLabel(key)}) for project "${project.name}".`,
          `  ID:     ${key.id}`,
          `  Prefix: ${key.prefix}`,
          '',
          'The secret is shown only now; store it somewhere safe:',
          '',
          `  ${key.secret}`,
        ].join('\n'),
      };
    }),
});

export const keyListCommand = defineCommand({
  path: ['key', 'list'],
  summary: "List a project's API keys (never their secrets)",
  synopsis: '--project <projectId> [--include-revoked]',
  details: ['  --project <projectId>   The project whose keys to list.', '  --include-revoked       Also list revoked keys.'],
  usesDatabase: true,
  options: { project: { type: 'string' }, 'include-revoked': { type: 'boolean' } },
  schema: z.object({ project: idArgument('Project'), 'include-revoked': z.boolean().default(false) }),
  run: (input, env) =>
    withDatabase(env, { requireMigrated: true }, async ({ prisma }) => {
      // An empty list for a mistyped ID would read as "this project has no keys".
      const project = await prisma.project.findUnique({ where: { id: input.project } });
      if (!project) throw new NotFoundError('Project', input.project);
      const keys = await prisma.apiKey.findMany({
        where: { projectId: project.id, ...(input['include-revoked'] ? {} : { revokedAt: null }) },
        orderBy: { createdAt: 'asc' },
      });
      return {
        json: keys.map((key) => ({
          id: key.id,
          globalId: encodeGlobalId('ApiKey', key.id),
          projectId: key.projectId,
          name: key.name,
          prefix: key.prefix,
          role: key.role,
          organizationAdmin: key.organizationAdmin,
          createdAt: key.createdAt,
          lastUsedAt: key.lastUsedAt,
          revokedAt: key.revokedAt,
        })),
        text:
          keys.length === 0
            ? `Project "${project.name}" has no ${input['include-revoked'] ? '' : 'active '}API keys.`
            : formatTable(
                ['ID', 'NAME', 'PREFIX', 'ROLE', 'CREATED', 'LAST USED', 'REVOKED'],
                keys.map((key) => [
                  key.id,
                  key.name,
                  key.prefix,
                  roleLabel(key),
                  formatTimestamp(key.createdAt),
                  formatTimestamp(key.lastUsedAt, 'never'),
                  formatTimestamp(key.revokedAt),
                ]),
              ),
      };
    }),
});

export const keyRevokeCommand = defineCommand({
  path: ['key', 'revoke'],
  summary: 'Revoke an API key for good (revoking a revoked key changes nothing)',
  synopsis: '<keyId>',
  details: ['Requests with the key fail from now on. Audited like the GraphQL mutation.'],
  usesDatabase: true,
  positionals: ['keyId'],
  schema: z.object({ keyId: idArgument('ApiKey') }),
  run: (input, env) =>
    withDatabase(env, { requireMigrated: true }, async ({ prisma, deps }) => {
      const before = await prisma.apiKey.findUnique({
        where: { id: input.keyId },
        include: { project: { select: { organizationId: true } } },
      });
      if (!before) throw new NotFoundError('ApiKey', input.keyId);
      const key = await revokeApiKey(deps, null, cliActor(before.project.organizationId), before.id);
      const alreadyRevoked = before.revokedAt !== null;
      return {
        json: {
          id: key.id,
          globalId: encodeGlobalId('ApiKey', key.id),
          name: key.name,
          prefix: key.prefix,
          revokedAt: key.revokedAt,
          alreadyRevoked,
        },
        text: alreadyRevoked
          ? `API key "${key.name}" (${key.prefix}) was already revoked at ${formatTimestamp(key.revokedAt)}.`
          : `Revoked API key "${key.name}" (${key.prefix}).`,
      };
    }),
});
