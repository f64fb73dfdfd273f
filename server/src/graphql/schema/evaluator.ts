import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { EvalTaskRef } from './eval-task.js';
import { ModelServiceRef } from './model-service.js';
import { modelServiceLoader } from './model-service-loader.js';
import { PluginRef } from './plugin.js';

const serviceOf = (ctx: GraphQLContext, id: string | null) => (id ? modelServiceLoader(ctx).load(id) : null);

export const EvaluatorRef = builder.prismaNode('Evaluator', {
  nullable: true,
  id: { field: 'id' },
  authScopes: { viewer: true },
  description:
    'A plugin with its configuration and the model services its judge and embeddings use: what eval tasks and dry runs run.',
  findUnique: (id, ctx) => ({ id, projectId: ctx.principal.projectId }),
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    pluginName: t.exposeString('pluginName'),
    plugin: t.field({
      type: PluginRef,
      nullable: true,
      description: 'The loaded plugin; null when this server does not have it (its tasks then fail with that reason).',
      resolve: (evaluator, _args, ctx) =>
        ctx.plugins.entries.find((entry) => entry.name === evaluator.pluginName && entry.status === 'LOADED') ?? null,
    }),
    config: t.expose('config', { type: 'JSON', description: "Valid against the plugin's config JSON Schema when saved." }),
    judgeService: t.field({
      type: ModelServiceRef,
      nullable: true,
      description: 'The CHAT model service judges of this evaluator use.',
      resolve: (evaluator, _args, ctx) => serviceOf(ctx, evaluator.judgeServiceId),
    }),
    embeddingsService: t.field({
      type: ModelServiceRef,
      nullable: true,
      description: 'The EMBEDDING model service this evaluator uses.',
      resolve: (evaluator, _args, ctx) => serviceOf(ctx, evaluator.embeddingsServiceId),
    }),
    timeoutMs: t.exposeInt('timeoutMs', {
      description: 'Per evaluation; a plugin that takes longer is stopped and the candidate recorded as failed.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('evaluators', (t) =>
  t.prismaConnection({
    type: 'Evaluator',
    cursor: 'id',
    authScopes: { viewer: true },
    description: "The project's configured evaluators, oldest first.",
    args: { plugin: t.arg.string({ required: false, description: 'Only evaluators of this plugin.' }) },
    totalCount: (_root, args, ctx) =>
      ctx.prisma.evaluator.count({
        where: { projectId: ctx.principal.projectId, ...(args.plugin ? { pluginName: args.plugin } : {}) },
      }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.evaluator.findMany({
        ...query,
        where: { projectId: ctx.principal.projectId, ...(args.plugin ? { pluginName: args.plugin } : {}) },
        orderBy: { id: 'asc' },
      }),
  }),
);

builder.queryField('evaluator', (t) =>
  t.prismaField({
    type: 'Evaluator',
    nullable: true,
    authScopes: { viewer: true },
    description: 'One evaluator by global ID; null if it does not exist in this project.',
    args: { id: t.arg.globalID({ for: EvaluatorRef, required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.evaluator.findFirst({ ...query, where: { id: args.id.id, projectId: ctx.principal.projectId } }),
  }),
);

builder.objectField(EvalTaskRef, 'evaluator', (t) =>
  t.field({
    type: EvaluatorRef,
    nullable: true,
    description: 'The evaluator the task runs.',
    resolve: (task, _args, ctx) =>
      ctx.prisma.evaluator.findFirst({ where: { id: task.evaluatorId, projectId: ctx.principal.projectId } }),
  }),
);
