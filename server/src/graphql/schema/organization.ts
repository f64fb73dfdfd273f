import { visibleProjectsWhere } from '../../domain/projects.js';
import { builder } from '../builder.js';

export const OrganizationRef = builder.prismaNode('Organization', {
  // A missing or foreign object resolves to null, as Relay clients expect, not to an error.
  nullable: true,
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, AND: [{ id: ctx.principal.organizationId }] }),
  fields: (t) => ({
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    projects: t.relatedConnection('projects', {
      cursor: 'id',
      totalCount: true,
      description: 'The projects of this organization the key can see.',
      query: (_args, ctx) => ({ where: visibleProjectsWhere(ctx.principal), orderBy: { id: 'asc' } }),
    }),
  }),
});
