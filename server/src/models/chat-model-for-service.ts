import { ChatAnthropic } from '@langchain/anthropic';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import type { ModelService } from '../generated/prisma/client.js';
import { modelFetch } from './keep-alive-fetch.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type ModelParameters, storedParameters } from './model-parameters.js';
import type { ModelServiceDeps } from './model-service-deps.js';
import { findModelService } from './model-services.js';
import { DEFAULT_BASE_URLS, NO_API_KEY } from './provider-defaults.js';
import { openApiKey } from './service-api-key.js';
import { assertServiceKind } from './service-kind.js';

/** Per-use changes to a service's defaults (a judge pinning temperature 0, a test call's small budget). */
export type ModelOverrides = Omit<ModelParameters, 'dimensions'>;

/** Builds the LangChain client for a stored service and its (decrypted) key; no I/O. */
export const buildChatModel = (
  service: Pick<ModelService, 'provider' | 'model' | 'parameters' | 'baseUrl'>,
  apiKey: string | undefined,
  overrides: ModelOverrides = {},
): BaseChatModel => {
  const p = { ...storedParameters(service.parameters), ...overrides };
  const common = {
    model: service.model,
    temperature: p.temperature,
    topP: p.topP,
    maxTokens: p.maxTokens,
    maxRetries: p.maxRetries ?? DEFAULT_MAX_RETRIES,
  };
  const timeout = p.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (service.provider === 'ANTHROPIC') {
    return new ChatAnthropic({
      ...common,
      apiKey,
      anthropicApiUrl: service.baseUrl ?? DEFAULT_BASE_URLS.ANTHROPIC,
      clientOptions: { timeout },
    });
  }
  return new ChatOpenAI({
    ...common,
    apiKey: apiKey ?? NO_API_KEY,
    timeout,
    // Keep-alive node:http instead of the global fetch (undici): less CPU per judge call (keep-alive-fetch.ts).
    configuration: { baseURL: service.baseUrl ?? DEFAULT_BASE_URLS.OPENAI, fetch: modelFetch },
  });
};

/**
 * The chat model of a project's CHAT service, ready for `runJudge` or `invoke`: the provider's
 * LangChain client with the service's defaults (bounded timeout and retries) and `overrides` on top.
 * Throws NotFoundError for another project's id, InvalidInputError (path `serviceId`) for an
 * embedding service, UnavailableError when its key cannot be decrypted.
 */
export const chatModelForService = async (
  deps: Pick<ModelServiceDeps, 'prisma' | 'secrets'>,
  projectId: string,
  serviceId: string,
  overrides?: ModelOverrides,
): Promise<{ service: ModelService; model: BaseChatModel }> => {
  const service = await findModelService(deps.prisma, projectId, serviceId);
  assertServiceKind(service, 'CHAT');
  return { service, model: buildChatModel(service, await openApiKey(deps.secrets, service), overrides) };
};
