import { z } from 'zod';
import { displayName } from '../../domain/names.js';
import { createProject } from '../../domain/projects.js';
import { NotFoundError } from '../../errors/app-error.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { cliActor } from '../cli-actor.js';
import { defineCommand } from '../define-command.js';
import { formatTable, formatTimestamp } from '../human-format.js';
import { idArgument } from '../id-argument.js';
import { UsageError } from '../usage-error.js';
import { DatabaseNotReadyError, withDatabase } from '../with-database.js';

const PROJECT_CREATE = ['project', 'create'] as const;

/** The organization a new project goes into: the one named, or the only one there is. */
const resolveOrganization = async (prisma: PrismaClient, id: string | undefined) => {
  if (id !== undefined) {
    const organization = await prisma.organization.findUnique({ where: { id } });
    if (!organization) throw new NotFoundError('Organization', id);
    return organization;
  }
  const organizations = await prisma.organization.findMany({ orderBy: { createdAt: 'asc' }, take: 11 });
  const [only] = organizations;
  if (!only) throw new DatabaseNotReadyError('there is no organization yet: run "agentloop init" first');
  if (organizations.length > 1) {
    const listed = organizations.slice(0, 10).map((o) => `${o.id} (${o.name})`);
    throw new UsageError(
      `there are several organizations; pass --organization <id>, one of: ${listed.join(', ')}${organizations.length > 10 ? ', …' : ''}`,
      PROJECT_CREATE,
    );
  }
  return only;
};

export const projectCreateCommand = defineCommand({
  path: PROJECT_CREATE,
  summary: 'Create a project',
  synopsis: '--name <name> [--organization <id>]',
  details: [
    '  --name <name>          The project name, unique within its organization.',
    '  --organization <id>    Required only when the database has more than one organization.',
    '',
    'The change is recorded in the audit log, with no actor key (the CLI acts without one).',
  ],
  usesDatabase: true,
  options: { name: { type: 'string' }, organization: { type: 'string' } },
  schema: z.object({ name: displayName, organization: idArgument('Organization').optional() }),
  run: (input, env) =>
    withDatabase(env, { requireMigrated: true }, async ({ prisma, deps }) => {
      const organization = await resolveOrganization(prisma, input.organization);
      const project = await createProject(deps, cliActor(organization.id), { name: input.name });
      return {
        json: {
          id: project.id,
          globalId: encodeGlobalId('Project', project.id),
          name: project.name,
          organizationId: project.organizationId,
          createdAt: project.createdAt,
        },
        text: `Created project "${project.name}" in organization "${organization.name}".\n  ID: ${project.id}`,
      };
    }),
});

export const projectListCommand = defineCommand({
  path: ['project', 'list'],
  summary: 'List projects',
  synopsis: '[--organization <id>]',
  details: ['  --organization <id>    Only the projects of this organization (default: all).'],
  usesDatabase: true,
  options: { organization: { type: 'string' } },
  schema: z.object({ organization: idArgument('Organization').optional() }),
  run: (input, env) =>
    withDatabase(env, { requireMigrated: true }, async ({ prisma }) => {
      const projects = await prisma.project.findMany({
        where: input.organization ? { organizationId: input.organization } : {},
        include: { organization: { select: { name: true } } },
        orderBy: [{ organization: { createdAt: 'asc' } }, { createdAt: 'asc' }],
      });
      return {
        json: projects.map((p) => ({
          id: p.id,
          globalId: encodeGlobalId('Project', p.id),
          name: p.name,
          organizationId: p.organizationId,
          organizationName: p.organization.name,
          createdAt: p.createdAt,
        })),
        text:
          projects.length === 0
            ? 'No projects.'
            : formatTable(
                ['ID', 'NAME', 'ORGANIZATION', 'CREATED'],
                projects.map((p) => [p.id, p.name, p.organization.name, formatTimestamp(p.createdAt)]),
              ),
      };
    }),
});
