import type { ModelService } from '../../generated/prisma/client.js';
import { ModelProvider, ModelServiceKind } from '../../generated/prisma/enums.js';
import { type ModelParameters, storedParameters } from '../../models/model-parameters.js';
import { builder } from '../builder.js';

export const ModelProviderEnum = builder.enumType(ModelProvider, {
  name: 'ModelProvider',
  description: 'Which API a model service speaks; OPENAI_COMPATIBLE needs a `baseUrl` (vLLM, Ollama, LiteLLM, …).',
});

export const ModelServiceKindEnum = builder.enumType(ModelServiceKind, {
  name: 'ModelServiceKind',
  description: 'CHAT models judge and answer; EMBEDDING models turn text into vectors.',
});

const ModelParametersRef = builder.objectRef<ModelParameters>('ModelParameters').implement({
  description: 'Default call parameters; unset ones use the provider default (timeout 60 s and 2 retries ours).',
  fields: (t) => ({
    temperature: t.float({ nullable: true, resolve: (p) => p.temperature }),
    topP: t.float({ nullable: true, resolve: (p) => p.topP }),
    maxTokens: t.int({ nullable: true, resolve: (p) => p.maxTokens }),
    timeoutMs: t.int({ nullable: true, resolve: (p) => p.timeoutMs }),
    maxRetries: t.int({ nullable: true, resolve: (p) => p.maxRetries }),
    dimensions: t.int({
      nullable: true,
      description: 'Embedding services: the vector size asked for.',
      resolve: (p) => p.dimensions,
    }),
  }),
});

const dollars = (value: ModelService['inputPricePerMillion']) => (value === null ? null : Number(value));

export const ModelServiceRef = builder.prismaNode('ModelService', {
  nullable: true,
  id: { field: 'id' },
  // Langfuse's split: members use LLM connections, admins manage them. Nothing here is secret,
  // but base URLs and model choices are configuration viewers need not see.
  authScopes: { member: true },
  description:
    'A connection to one model (provider, model, defaults, prices) that judges, embeddings and experiments use. ' +
    'Its API key is write-only: stored encrypted, never returned.',
  findUnique: (id, ctx) => ({ id, projectId: ctx.principal.projectId }),
  fields: (t) => ({
    name: t.exposeString('name'),
    provider: t.expose('provider', { type: ModelProviderEnum }),
    kind: t.expose('kind', { type: ModelServiceKindEnum }),
    model: t.exposeString('model'),
    baseUrl: t.exposeString('baseUrl', { nullable: true }),
    parameters: t.field({ type: ModelParametersRef, resolve: (service) => storedParameters(service.parameters) }),
    inputPricePerMillion: t.float({
      nullable: true,
      description: 'US dollars per million input tokens; null when unknown.',
      resolve: (service) => dollars(service.inputPricePerMillion),
    }),
    outputPricePerMillion: t.float({
      nullable: true,
      description: 'US dollars per million output tokens; null when unknown.',
      resolve: (service) => dollars(service.outputPricePerMillion),
    }),
    hasApiKey: t.boolean({
      description: 'Whether an API key is stored. The key itself is never returned.',
      resolve: (service) => service.apiKeyEncrypted !== null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

builder.queryField('modelServices', (t) =>
  t.prismaConnection({
    type: 'ModelService',
    cursor: 'id',
    authScopes: { member: true },
    description: "The project's model services, oldest first.",
    args: { kind: t.arg({ type: ModelServiceKindEnum, required: false }) },
    totalCount: (_root, args, ctx) =>
      ctx.prisma.modelService.count({ where: { projectId: ctx.principal.projectId, ...(args.kind ? { kind: args.kind } : {}) } }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.modelService.findMany({
        ...query,
        where: { projectId: ctx.principal.projectId, ...(args.kind ? { kind: args.kind } : {}) },
        orderBy: { id: 'asc' },
      }),
  }),
);

builder.queryField('modelService', (t) =>
  t.prismaField({
    type: 'ModelService',
    nullable: true,
    authScopes: { member: true },
    description: 'One model service by global ID; null if it does not exist in this project.',
    args: { id: t.arg.globalID({ for: ModelServiceRef, required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.modelService.findFirst({ ...query, where: { id: args.id.id, projectId: ctx.principal.projectId } }),
  }),
);
