import { visibleProjectsWhere } from '../../domain/projects.js';
import { builder } from '../builder.js';

export const ProjectRef = builder.prismaNode('Project', {
  // A missing or foreign object resolves to null, as Relay clients expect, not to an error.
  nullable: true,
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, AND: [visibleProjectsWhere(ctx.principal)] }),
  fields: (t) => ({
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    retentionDays: t.exposeInt('retentionDays', {
      nullable: true,
      description:
        'A trace is deleted, with all its spans, once it ended more than this many days ago; log records by their own time. null keeps everything forever.',
    }),
    organization: t.relation('organization'),
  }),
});

builder.queryField('projects', (t) =>
  t.prismaConnection({
    type: 'Project',
    cursor: 'id',
    totalCount: (_root, _args, ctx) => ctx.prisma.project.count({ where: visibleProjectsWhere(ctx.principal) }),
    authScopes: { viewer: true },
    description: "The key's own project, or every project of the organization for an organization admin.",
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.project.findMany({ ...query, where: visibleProjectsWhere(ctx.principal), orderBy: { id: 'asc' } }),
  }),
);
