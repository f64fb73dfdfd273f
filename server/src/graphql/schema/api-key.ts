import type { Principal } from '../../auth/principal.js';
import { visibleApiKeysWhere } from '../../domain/api-keys.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { ProjectRef } from './project.js';

export const ApiKeyRoleEnum = builder.enumType('ApiKeyRole', {
  description: 'Weakest first; each role can do what the ones before it can.',
  values: {
    ingest: { description: 'Write telemetry only (OTLP, logTurn).' },
    viewer: { description: 'Read everything in the project.' },
    member: { description: 'Read and change domain data.' },
    admin: { description: 'Also manage keys and read the audit log.' },
  } as const,
});

export const ApiKeyRef = builder.prismaNode('ApiKey', {
  // A missing or foreign object resolves to null, as Relay clients expect, not to an error.
  nullable: true,
  id: { field: 'id' },
  description: 'An API key. The secret is shown once, at creation, and never stored.',
  findUnique: (id, ctx) => ({ id, AND: [visibleApiKeysWhere(ctx.principal)] }),
  fields: (t) => ({
    name: t.exposeString('name'),
    role: t.expose('role', { type: ApiKeyRoleEnum }),
    organizationAdmin: t.exposeBoolean('organizationAdmin'),
    prefix: t.exposeString('prefix', { description: 'The first characters of the secret, to tell keys apart.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    project: t.relation('project'),
  }),
});

const apiKeysWhere = (
  principal: Principal,
  args: { project?: { id: string } | null; includeRevoked?: boolean | null },
): Prisma.ApiKeyWhereInput => ({
  AND: [visibleApiKeysWhere(principal)],
  projectId: args.project?.id ?? principal.projectId,
  ...(args.includeRevoked ? {} : { revokedAt: null }),
});

builder.queryField('apiKeys', (t) =>
  t.prismaConnection({
    type: 'ApiKey',
    cursor: 'id',
    totalCount: (_root, args, ctx) => ctx.prisma.apiKey.count({ where: apiKeysWhere(ctx.principal, args) }),
    authScopes: { admin: true },
    args: {
      project: t.arg.globalID({ for: ProjectRef, required: false, description: "Defaults to the key's own project." }),
      includeRevoked: t.arg.boolean({ defaultValue: false }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.apiKey.findMany({ ...query, where: apiKeysWhere(ctx.principal, args), orderBy: { id: 'asc' } }),
  }),
);
