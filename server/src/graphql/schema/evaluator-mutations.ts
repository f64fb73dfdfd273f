import { actorOf } from '../../auth/principal.js';
import { createEvaluator, deleteEvaluator, updateEvaluator } from '../../evaluation/evaluators/configured-evaluators.js';
import type { Evaluator } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { mutationErrors } from './errors.js';
import { EvaluatorRef } from './evaluator.js';
import { ModelServiceRef } from './model-service.js';

const EvaluatorPayload = builder.objectRef<{ evaluator: Evaluator }>('EvaluatorPayload').implement({
  fields: (t) => ({ evaluator: t.field({ type: EvaluatorRef, resolve: (payload) => payload.evaluator }) }),
});

const CreateEvaluatorInput = builder.inputType('CreateEvaluatorInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique in the project.' }),
    description: t.string({ required: false }),
    plugin: t.string({ required: true, description: 'Name of a loaded evaluator plugin (see `plugins`).' }),
    config: t.field({
      type: 'JSON',
      required: false,
      description: "Checked against the plugin's config schema; errors point at `config.<field>`.",
    }),
    judgeService: t.globalID({ for: ModelServiceRef, required: false, description: 'A CHAT model service.' }),
    embeddingsService: t.globalID({ for: ModelServiceRef, required: false, description: 'An EMBEDDING model service.' }),
    timeoutMs: t.int({ required: false, description: 'Per evaluation, 100 to 600000; default 60000.' }),
  }),
});

builder.mutationField('createEvaluator', (t) =>
  t.field({
    type: EvaluatorPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Configures an evaluator plugin for this project; the configuration is checked as a run would check it.',
    args: { input: t.arg({ type: CreateEvaluatorInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const evaluator = await createEvaluator(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        name: input.name,
        description: input.description,
        plugin: input.plugin,
        config: (input.config ?? {}) as Record<string, unknown>,
        judgeServiceId: input.judgeService?.id ?? null,
        embeddingsServiceId: input.embeddingsService?.id ?? null,
        timeoutMs: input.timeoutMs ?? undefined,
      });
      return { evaluator };
    },
  }),
);

const UpdateEvaluatorInput = builder.inputType('UpdateEvaluatorInput', {
  description: 'Absent fields keep their value; null clears a model service. The plugin cannot change: create another evaluator.',
  fields: (t) => ({
    id: t.globalID({ for: EvaluatorRef, required: true }),
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    config: t.field({ type: 'JSON', required: false, description: 'Replaces the whole configuration.' }),
    judgeService: t.globalID({ for: ModelServiceRef, required: false }),
    embeddingsService: t.globalID({ for: ModelServiceRef, required: false }),
    timeoutMs: t.int({ required: false }),
  }),
});

/** Absent keeps the value, an explicit null clears it. */
const serviceChange = (value: { id: string } | null | undefined) => (value === undefined ? undefined : (value?.id ?? null));

builder.mutationField('updateEvaluator', (t) =>
  t.field({
    type: EvaluatorPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: UpdateEvaluatorInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const evaluator = await updateEvaluator(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        id: input.id.id,
        name: input.name ?? undefined,
        description: input.description,
        config: (input.config ?? undefined) as Record<string, unknown> | undefined,
        judgeServiceId: serviceChange(input.judgeService),
        embeddingsServiceId: serviceChange(input.embeddingsService),
        timeoutMs: input.timeoutMs ?? undefined,
      });
      return { evaluator };
    },
  }),
);

const DeleteEvaluatorInput = builder.inputType('DeleteEvaluatorInput', {
  fields: (t) => ({ id: t.globalID({ for: EvaluatorRef, required: true }) }),
});

const DeleteEvaluatorPayload = builder.objectRef<{ deletedEvaluatorId: string }>('DeleteEvaluatorPayload').implement({
  fields: (t) => ({ deletedEvaluatorId: t.exposeID('deletedEvaluatorId') }),
});

builder.mutationField('deleteEvaluator', (t) =>
  t.field({
    type: DeleteEvaluatorPayload,
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Deletes an evaluator and its finished tasks; its scores stay. Refused (CONFLICT) while a task of it can run.',
    args: { input: t.arg({ type: DeleteEvaluatorInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await deleteEvaluator(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), input.id.id);
      return { deletedEvaluatorId: encodeGlobalId('Evaluator', input.id.id) };
    },
  }),
);
