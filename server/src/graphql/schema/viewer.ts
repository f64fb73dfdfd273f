import type { Principal } from '../../auth/principal.js';
import { builder } from '../builder.js';
import { ApiKeyRef, ApiKeyRoleEnum } from './api-key.js';
import { OrganizationRef } from './organization.js';
import { ProjectRef } from './project.js';

const ViewerRef = builder.objectRef<Principal>('Viewer').implement({
  description: 'The caller: one API key, its role, project and organization.',
  fields: (t) => ({
    role: t.expose('role', { type: ApiKeyRoleEnum }),
    organizationAdmin: t.exposeBoolean('organizationAdmin'),
    apiKey: t.prismaField({
      type: 'ApiKey',
      resolve: (query, principal, _args, ctx) =>
        ctx.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: principal.apiKeyId } }),
    }),
    project: t.prismaField({
      type: 'Project',
      resolve: (query, principal, _args, ctx) =>
        ctx.prisma.project.findUniqueOrThrow({ ...query, where: { id: principal.projectId } }),
    }),
    organization: t.prismaField({
      type: 'Organization',
      resolve: (query, principal, _args, ctx) =>
        ctx.prisma.organization.findUniqueOrThrow({ ...query, where: { id: principal.organizationId } }),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, authScopes: { ingest: true }, resolve: (_root, _args, ctx) => ctx.principal }),
);

builder.queryField('organization', (t) =>
  t.prismaField({
    type: 'Organization',
    authScopes: { viewer: true },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.organization.findUniqueOrThrow({ ...query, where: { id: ctx.principal.organizationId } }),
  }),
);

// Keep the refs referenced so their modules register before the schema is built.
export const viewerTypes = [ApiKeyRef, OrganizationRef, ProjectRef];
