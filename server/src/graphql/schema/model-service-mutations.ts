import { actorOf } from '../../auth/principal.js';
import type { ModelService } from '../../generated/prisma/client.js';
import type { ModelParameters } from '../../models/model-parameters.js';
import { createModelService, deleteModelService, updateModelService } from '../../models/model-services.js';
import { type ModelServiceTestResult, testModelService } from '../../models/test-model-service.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { mutationErrors } from './errors.js';
import { ModelProviderEnum, ModelServiceKindEnum, ModelServiceRef } from './model-service.js';

const ModelParametersInput = builder.inputType('ModelParametersInput', {
  description: 'Default call parameters; omit one to use the default.',
  fields: (t) => ({
    temperature: t.float({ required: false, description: '0 to 2.' }),
    topP: t.float({ required: false, description: 'Above 0, at most 1.' }),
    maxTokens: t.int({ required: false, description: 'Output token limit per call.' }),
    timeoutMs: t.int({ required: false, description: 'Per request, 100 to 600000; default 60000.' }),
    maxRetries: t.int({
      required: false,
      description: 'Retries of 429s, 5xx and network errors with backoff, 0 to 10; default 2.',
    }),
    dimensions: t.int({ required: false, description: 'Embedding services only: the vector size to ask for.' }),
  }),
});

/** GraphQL sends null for unset input fields; the domain wants them absent. */
const parametersOf = (input: Record<string, number | null | undefined> | null | undefined): ModelParameters | undefined =>
  input
    ? (Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined)) as ModelParameters)
    : undefined;

const ModelServicePayload = builder.objectRef<{ modelService: ModelService }>('ModelServicePayload').implement({
  fields: (t) => ({ modelService: t.field({ type: ModelServiceRef, resolve: (payload) => payload.modelService }) }),
});

const CreateModelServiceInput = builder.inputType('CreateModelServiceInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique in the project.' }),
    provider: t.field({ type: ModelProviderEnum, required: true }),
    kind: t.field({ type: ModelServiceKindEnum, required: true }),
    model: t.string({ required: true, description: 'The model id the provider expects, e.g. gpt-4o-mini.' }),
    baseUrl: t.string({
      required: false,
      description: 'http(s) URL of the API; required for OPENAI_COMPATIBLE (e.g. http://127.0.0.1:11434/v1).',
    }),
    apiKey: t.string({
      required: false,
      description: 'Stored encrypted and never returned. Required for OPENAI and ANTHROPIC.',
    }),
    parameters: t.field({ type: ModelParametersInput, required: false }),
    inputPricePerMillion: t.float({ required: false, description: 'US dollars per million input tokens.' }),
    outputPricePerMillion: t.float({ required: false, description: 'US dollars per million output tokens.' }),
  }),
});

builder.mutationField('createModelService', (t) =>
  t.field({
    type: ModelServicePayload,
    authScopes: { admin: true },
    errors: { types: mutationErrors },
    description:
      'Adds a model service. Storing an API key needs AGENTLOOP_SECRET_KEY when the server uses DATABASE_URL (UNAVAILABLE otherwise).',
    args: { input: t.arg({ type: CreateModelServiceInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const modelService = await createModelService(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        ...input,
        parameters: parametersOf(input.parameters),
      });
      return { modelService };
    },
  }),
);

const UpdateModelServiceInput = builder.inputType('UpdateModelServiceInput', {
  description: 'Absent fields keep their value; null clears a nullable one; `parameters` replaces the whole set.',
  fields: (t) => ({
    id: t.globalID({ for: ModelServiceRef, required: true }),
    name: t.string({ required: false }),
    provider: t.field({ type: ModelProviderEnum, required: false }),
    kind: t.field({ type: ModelServiceKindEnum, required: false }),
    model: t.string({ required: false }),
    baseUrl: t.string({ required: false }),
    apiKey: t.string({ required: false, description: 'A new key replaces the stored one; null removes it.' }),
    parameters: t.field({ type: ModelParametersInput, required: false }),
    inputPricePerMillion: t.float({ required: false }),
    outputPricePerMillion: t.float({ required: false }),
  }),
});

builder.mutationField('updateModelService', (t) =>
  t.field({
    type: ModelServicePayload,
    authScopes: { admin: true },
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: UpdateModelServiceInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const modelService = await updateModelService(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        id: input.id.id,
        name: input.name ?? undefined,
        provider: input.provider ?? undefined,
        kind: input.kind ?? undefined,
        model: input.model ?? undefined,
        parameters: parametersOf(input.parameters),
        // Absent keeps the value; an explicit null clears it.
        baseUrl: input.baseUrl,
        apiKey: input.apiKey,
        inputPricePerMillion: input.inputPricePerMillion,
        outputPricePerMillion: input.outputPricePerMillion,
      });
      return { modelService };
    },
  }),
);

const DeleteModelServiceInput = builder.inputType('DeleteModelServiceInput', {
  fields: (t) => ({ id: t.globalID({ for: ModelServiceRef, required: true }) }),
});

const DeleteModelServicePayload = builder.objectRef<{ deletedModelServiceId: string }>('DeleteModelServicePayload').implement({
  fields: (t) => ({ deletedModelServiceId: t.exposeID('deletedModelServiceId') }),
});

builder.mutationField('deleteModelService', (t) =>
  t.field({
    type: DeleteModelServicePayload,
    authScopes: { admin: true },
    errors: { types: mutationErrors },
    description: 'Deletes a service and its stored key; refused (CONFLICT) while an evaluator uses it.',
    args: { input: t.arg({ type: DeleteModelServiceInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await deleteModelService(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), input.id.id);
      return { deletedModelServiceId: encodeGlobalId('ModelService', input.id.id) };
    },
  }),
);

const ModelServiceTestResultRef = builder.objectRef<ModelServiceTestResult>('ModelServiceTestResult').implement({
  description: 'The outcome of one real call with the stored configuration (no retries, at most 30 s).',
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    latencyMs: t.exposeFloat('latencyMs'),
    model: t.exposeString('model', { description: 'The model that answered, as the provider reports it.' }),
    dimensions: t.exposeInt('dimensions', { nullable: true, description: 'Vector size (embedding services).' }),
    error: t.exposeString('error', { nullable: true, description: "The provider's or the network's error message." }),
  }),
});

const TestModelServiceInput = builder.inputType('TestModelServiceInput', {
  fields: (t) => ({ id: t.globalID({ for: ModelServiceRef, required: true }) }),
});

builder.mutationField('testModelService', (t) =>
  t.field({
    type: ModelServiceTestResultRef,
    // A mutation, not a query: it spends tokens at the provider.
    authScopes: { member: true },
    errors: { types: mutationErrors },
    description: 'Makes one small real call (a chat reply or an embedding) and reports whether it worked and how fast.',
    args: { input: t.arg({ type: TestModelServiceInput, required: true }) },
    resolve: (_root, { input }, ctx) => testModelService(ctx, ctx.principal.projectId, input.id.id),
  }),
);
