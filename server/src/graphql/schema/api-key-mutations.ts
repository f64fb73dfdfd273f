import { actorOf } from '../../auth/principal.js';
import { createApiKey, revokeApiKey } from '../../domain/api-keys.js';
import { builder } from '../builder.js';
import { ApiKeyRef, ApiKeyRoleEnum } from './api-key.js';
import { mutationErrors } from './errors.js';
import { ProjectRef } from './project.js';

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  fields: (t) => ({
    project: t.globalID({ for: ProjectRef, required: false, description: "Defaults to the calling key's project." }),
    name: t.string({ required: true }),
    role: t.field({ type: ApiKeyRoleEnum, required: true }),
    organizationAdmin: t.boolean({ required: false, defaultValue: false }),
  }),
});

type ApiKey = Awaited<ReturnType<typeof revokeApiKey>>;

const CreateApiKeyPayload = builder.objectRef<{ apiKey: ApiKey; secret: string }>('CreateApiKeyPayload').implement({
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, resolve: (payload) => payload.apiKey }),
    secret: t.exposeString('secret', { description: 'The key itself. Shown this once; store it now.' }),
  }),
});

builder.mutationField('createApiKey', (t) =>
  t.field({
    type: CreateApiKeyPayload,
    authScopes: { admin: true },
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const key = await createApiKey(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        projectId: input.project?.id ?? ctx.principal.projectId,
        name: input.name,
        role: input.role,
        organizationAdmin: input.organizationAdmin ?? false,
      });
      return { apiKey: key, secret: key.secret };
    },
  }),
);

const RevokeApiKeyInput = builder.inputType('RevokeApiKeyInput', {
  fields: (t) => ({ id: t.globalID({ for: ApiKeyRef, required: true }) }),
});

const RevokeApiKeyPayload = builder.objectRef<{ apiKey: ApiKey }>('RevokeApiKeyPayload').implement({
  fields: (t) => ({ apiKey: t.field({ type: ApiKeyRef, resolve: (payload) => payload.apiKey }) }),
});

builder.mutationField('revokeApiKey', (t) =>
  t.field({
    type: RevokeApiKeyPayload,
    authScopes: { admin: true },
    errors: { types: mutationErrors },
    description: 'Permanent. Requests with the key fail with 401 from now on.',
    args: { input: t.arg({ type: RevokeApiKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      apiKey: await revokeApiKey(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), input.id.id),
    }),
  }),
);
