import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { DeploymentRef } from './deployment.js';

export const ApplicationRef = builder.prismaNode('Application', {
  // A missing or foreign object resolves to null, as Relay clients expect, not to an error.
  nullable: true,
  id: { field: 'id' },
  description: 'A service sending traces, named by its resource `service.name`; created on first sight.',
  findUnique: (id, ctx) => ({ id, AND: [{ projectId: ctx.principal.projectId }] }),
  fields: (t) => ({
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deployments: t.relatedConnection('deployments', {
      cursor: 'id',
      totalCount: true,
      description: 'Newest first.',
      query: { orderBy: [{ firstSeenAt: 'desc' }, { id: 'desc' }] },
    }),
  }),
});

/** Batch load for references to applications (from traces and spans), scoped to the project. */
export const loadApplications = async (ids: string[], ctx: GraphQLContext) => {
  const rows = await ctx.prisma.application.findMany({ where: { id: { in: ids }, projectId: ctx.principal.projectId } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? new Error(`Application ${id} was not found`));
};

builder.queryField('applications', (t) =>
  t.prismaConnection({
    type: 'Application',
    cursor: 'id',
    authScopes: { viewer: true },
    description: "The project's applications by name.",
    totalCount: (_root, _args, ctx) => ctx.prisma.application.count({ where: { projectId: ctx.principal.projectId } }),
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.application.findMany({
        ...query,
        where: { projectId: ctx.principal.projectId },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
  }),
);

// Keep the ref referenced so its module registers before the schema is built.
export const applicationTypes = [DeploymentRef];
