import type { Embeddings } from '@langchain/core/embeddings';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { ModelService } from '../generated/prisma/client.js';
import { modelFetch } from './keep-alive-fetch.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type ModelParameters, storedParameters } from './model-parameters.js';
import type { ModelServiceDeps } from './model-service-deps.js';
import { findModelService } from './model-services.js';
import { DEFAULT_BASE_URLS, NO_API_KEY } from './provider-defaults.js';
import { openApiKey } from './service-api-key.js';
import { assertServiceKind } from './service-kind.js';

/** Builds the LangChain embeddings client for a stored EMBEDDING service; no I/O. */
export const buildEmbeddings = (
  service: Pick<ModelService, 'model' | 'parameters' | 'baseUrl'>,
  apiKey: string | undefined,
  overrides: Pick<ModelParameters, 'timeoutMs' | 'maxRetries'> = {},
): Embeddings => {
  const p = { ...storedParameters(service.parameters), ...overrides };
  // Anthropic has no embeddings API; the service rules refuse that combination on write.
  return new OpenAIEmbeddings({
    model: service.model,
    apiKey: apiKey ?? NO_API_KEY,
    dimensions: p.dimensions,
    timeout: p.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: p.maxRetries ?? DEFAULT_MAX_RETRIES,
    // The judges' keep-alive transport (keep-alive-fetch.ts), not the global fetch.
    configuration: { baseURL: service.baseUrl ?? DEFAULT_BASE_URLS.OPENAI, fetch: modelFetch },
  });
};

/**
 * The embeddings model of a project's EMBEDDING service (OpenAI's API shape, which OpenAI-compatible
 * servers share). Errors as chatModelForService.
 */
export const embeddingsForService = async (
  deps: Pick<ModelServiceDeps, 'prisma' | 'secrets'>,
  projectId: string,
  serviceId: string,
): Promise<{ service: ModelService; embeddings: Embeddings }> => {
  const service = await findModelService(deps.prisma, projectId, serviceId);
  assertServiceKind(service, 'EMBEDDING');
  return { service, embeddings: buildEmbeddings(service, await openApiKey(deps.secrets, service)) };
};
