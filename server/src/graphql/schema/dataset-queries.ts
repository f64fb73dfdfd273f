import { builder } from '../builder.js';
import { DatasetRef } from './dataset.js';

builder.queryField('datasets', (t) =>
  t.prismaConnection({
    type: 'Dataset',
    cursor: 'id',
    authScopes: { viewer: true },
    description: "The project's datasets by name.",
    totalCount: (_root, _args, ctx) => ctx.prisma.dataset.count({ where: { projectId: ctx.principal.projectId } }),
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.dataset.findMany({
        ...query,
        where: { projectId: ctx.principal.projectId },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
      }),
  }),
);

builder.queryField('dataset', (t) =>
  t.prismaField({
    type: DatasetRef,
    nullable: true,
    authScopes: { viewer: true },
    description: 'A dataset of the project by ID (null when it does not exist or belongs to another project).',
    args: { id: t.arg.globalID({ for: DatasetRef, required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.dataset.findFirst({ ...query, where: { id: args.id.id, projectId: ctx.principal.projectId } }),
  }),
);
