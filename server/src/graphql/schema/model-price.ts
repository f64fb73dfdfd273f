import { z } from 'zod';
import { actorOf } from '../../auth/principal.js';
import { auditedTransaction } from '../../domain/audited-transaction.js';
import { createModelPrice, deleteModelPrice, updateModelPrice, visiblePricesWhere } from '../../tracing/pricing/model-prices.js';
import { recomputeCosts } from '../../tracing/pricing/recompute-costs.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { mutationErrors } from './errors.js';

export const ModelPriceRef = builder.prismaNode('ModelPrice', {
  nullable: true,
  id: { field: 'id' },
  description:
    'US dollars per million tokens for models whose name matches `modelPattern`, from `effectiveFrom` on. ' +
    "A project's own prices win over the built-in ones; the newest price in force at a span's start applies " +
    '(ties go to the longer pattern, then to the price created last).',
  findUnique: (id, ctx) => ({ id, AND: [visiblePricesWhere(ctx.principal)] }),
  fields: (t) => ({
    modelPattern: t.exposeString('modelPattern', { description: 'A case-insensitive regular expression.' }),
    inputPerMillion: t.float({ resolve: (price) => Number(price.inputPerMillion) }),
    outputPerMillion: t.float({ resolve: (price) => Number(price.outputPerMillion) }),
    cachedInputPerMillion: t.float({
      nullable: true,
      description: 'Cache reads; null bills them as ordinary input.',
      resolve: (price) => (price.cachedInputPerMillion === null ? null : Number(price.cachedInputPerMillion)),
    }),
    effectiveFrom: t.expose('effectiveFrom', { type: 'DateTime' }),
    builtIn: t.boolean({ description: 'Shipped with AgentLoop; read-only.', resolve: (price) => price.projectId === null }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('modelPrices', (t) =>
  t.prismaConnection({
    type: 'ModelPrice',
    cursor: 'id',
    authScopes: { viewer: true },
    args: { includeBuiltIn: t.arg.boolean({ defaultValue: true }) },
    totalCount: (_root, args, ctx) =>
      ctx.prisma.modelPrice.count({
        where: args.includeBuiltIn ? visiblePricesWhere(ctx.principal) : { projectId: ctx.principal.projectId },
      }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.modelPrice.findMany({
        ...query,
        where: args.includeBuiltIn ? visiblePricesWhere(ctx.principal) : { projectId: ctx.principal.projectId },
        orderBy: { id: 'asc' },
      }),
  }),
);

const ModelPricePayload = builder
  .objectRef<{ modelPrice: Awaited<ReturnType<typeof createModelPrice>> }>('ModelPricePayload')
  .implement({ fields: (t) => ({ modelPrice: t.field({ type: ModelPriceRef, resolve: (payload) => payload.modelPrice }) }) });

/**
 * A price without a start applies to all times, as in Langfuse: someone adding a price for a model
 * that had none wants the calls already stored priced too. The epoch is earlier than any span, and
 * keeps `effectiveFrom` a plain, non-null column that the price lookup compares as before.
 */
const SINCE_ALWAYS = new Date(0);

const CreateModelPriceInput = builder.inputType('CreateModelPriceInput', {
  fields: (t) => ({
    modelPattern: t.string({ required: true }),
    inputPerMillion: t.float({ required: true }),
    outputPerMillion: t.float({ required: true }),
    cachedInputPerMillion: t.float({ required: false }),
    effectiveFrom: t.field({
      type: 'DateTime',
      required: false,
      description:
        'When the price starts to apply. Omitted, it applies to all times (stored as 1970-01-01T00:00:00Z), so `recomputeCosts` can price calls made before it was added; a later-starting price still takes over from its own start.',
    }),
  }),
});

builder.mutationField('createModelPrice', (t) =>
  t.field({
    type: ModelPricePayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description:
      'Adds a project price, for all times unless `effectiveFrom` says from when. New spans use it at once on this instance and within 30 seconds on others; `recomputeCosts` re-prices stored ones.',
    args: { input: t.arg({ type: CreateModelPriceInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const modelPrice = await createModelPrice(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        ...input,
        cachedInputPerMillion: input.cachedInputPerMillion ?? null,
        effectiveFrom: input.effectiveFrom ?? SINCE_ALWAYS,
      });
      ctx.prices.invalidate(ctx.principal.projectId);
      return { modelPrice };
    },
  }),
);

const UpdateModelPriceInput = builder.inputType('UpdateModelPriceInput', {
  fields: (t) => ({
    id: t.globalID({ for: ModelPriceRef, required: true }),
    modelPattern: t.string({ required: false }),
    inputPerMillion: t.float({ required: false }),
    outputPerMillion: t.float({ required: false }),
    cachedInputPerMillion: t.float({ required: false }),
    effectiveFrom: t.field({ type: 'DateTime', required: false }),
  }),
});

builder.mutationField('updateModelPrice', (t) =>
  t.field({
    type: ModelPricePayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: UpdateModelPriceInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const modelPrice = await updateModelPrice(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        id: input.id.id,
        modelPattern: input.modelPattern ?? undefined,
        inputPerMillion: input.inputPerMillion ?? undefined,
        outputPerMillion: input.outputPerMillion ?? undefined,
        // Absent keeps the value; an explicit null clears it.
        cachedInputPerMillion: input.cachedInputPerMillion,
        effectiveFrom: input.effectiveFrom ?? undefined,
      });
      ctx.prices.invalidate(ctx.principal.projectId);
      return { modelPrice };
    },
  }),
);

const DeleteModelPriceInput = builder.inputType('DeleteModelPriceInput', {
  fields: (t) => ({ id: t.globalID({ for: ModelPriceRef, required: true }) }),
});

const DeleteModelPricePayload = builder.objectRef<{ deletedModelPriceId: string }>('DeleteModelPricePayload').implement({
  fields: (t) => ({ deletedModelPriceId: t.exposeID('deletedModelPriceId') }),
});

builder.mutationField('deleteModelPrice', (t) =>
  t.field({
    type: DeleteModelPricePayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: DeleteModelPriceInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await deleteModelPrice(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), input.id.id);
      ctx.prices.invalidate(ctx.principal.projectId);
      return { deletedModelPriceId: encodeGlobalId('ModelPrice', input.id.id) };
    },
  }),
);

const RecomputeCostsInput = builder.inputType('RecomputeCostsInput', {
  fields: (t) => ({
    from: t.field({ type: 'DateTime', required: true }),
    to: t.field({ type: 'DateTime', required: true }),
  }),
  validate: z
    .looseObject({ from: z.date(), to: z.date() })
    .refine((r) => r.from < r.to, { message: '`from` must be before `to`', path: ['from'] }),
});

const RecomputeCostsPayload = builder.objectRef<Awaited<ReturnType<typeof recomputeCosts>>>('RecomputeCostsPayload').implement({
  fields: (t) => ({
    spansExamined: t.exposeInt('spansExamined'),
    spansChanged: t.exposeInt('spansChanged'),
    tracesRefreshed: t.exposeInt('tracesRefreshed'),
  }),
});

builder.mutationField('recomputeCosts', (t) =>
  t.field({
    type: RecomputeCostsPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: "Re-prices the project's model calls that started in [from, to) with the current prices, and their traces.",
    args: { input: t.arg({ type: RecomputeCostsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const projectId = ctx.principal.projectId;
      const result = await recomputeCosts(ctx.sql, projectId, input);
      // The re-pricing commits page by page; its audit entry records the whole run once it is done.
      return auditedTransaction(ctx, actorOf(ctx.principal, ctx.requestId), async () => ({
        result,
        audit: [
          {
            action: 'costs.recompute',
            entityType: 'Project',
            entityId: projectId,
            projectId,
            summary: { from: input.from.toISOString(), to: input.to.toISOString(), ...result },
          },
        ],
      }));
    },
  }),
);
