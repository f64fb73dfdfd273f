import { HumanMessage } from '@langchain/core/messages';
import type { ModelService } from '../generated/prisma/client.js';
import { buildChatModel } from './chat-model-for-service.js';
import { buildEmbeddings } from './embeddings-for-service.js';
import { DEFAULT_TIMEOUT_MS, storedParameters } from './model-parameters.js';
import type { ModelServiceDeps } from './model-service-deps.js';
import { findModelService } from './model-services.js';
import { openApiKey } from './service-api-key.js';

export type ModelServiceTestResult = {
  ok: boolean;
  latencyMs: number;
  /** The model the provider says served the call (chat), else the configured one. */
  model: string;
  /** Vector size (embedding services). */
  dimensions: number | null;
  /** Why it failed, as the provider or the network said it; the API key is blanked out. */
  error: string | null;
};

// A test should answer quickly and say what is wrong: no retries, and at most 30 s.
const TEST_TIMEOUT_CAP_MS = 30_000;

const errorMessage = (error: unknown, apiKey: string | undefined) => {
  const text = error instanceof Error ? error.message : String(error);
  return (apiKey ? text.split(apiKey).join('***') : text).slice(0, 1000);
};

const callOnce = async (service: ModelService, apiKey: string | undefined) => {
  const timeoutMs = Math.min(storedParameters(service.parameters).timeoutMs ?? DEFAULT_TIMEOUT_MS, TEST_TIMEOUT_CAP_MS);
  if (service.kind === 'EMBEDDING') {
    const vector = await buildEmbeddings(service, apiKey, { maxRetries: 0, timeoutMs }).embedQuery('AgentLoop connection test');
    return { model: service.model, dimensions: vector.length };
  }
  const model = buildChatModel(service, apiKey, { maxRetries: 0, maxTokens: 16, timeoutMs });
  const reply = await model.invoke([new HumanMessage('Reply with the single word OK.')], {
    signal: AbortSignal.timeout(timeoutMs),
  });
  const served = (reply.response_metadata as { model_name?: string; model?: string } | undefined) ?? {};
  return { model: served.model_name ?? served.model ?? service.model, dimensions: null };
};

/**
 * Makes one real call with the stored configuration and reports the outcome as a value: a failing
 * provider is an answer here, not an error. Throws only for a missing service or an unreadable key.
 */
export const testModelService = async (
  deps: Pick<ModelServiceDeps, 'prisma' | 'secrets'>,
  projectId: string,
  serviceId: string,
): Promise<ModelServiceTestResult> => {
  const service = await findModelService(deps.prisma, projectId, serviceId);
  const apiKey = await openApiKey(deps.secrets, service);
  const started = performance.now();
  try {
    const { model, dimensions } = await callOnce(service, apiKey);
    return { ok: true, latencyMs: performance.now() - started, model, dimensions, error: null };
  } catch (error) {
    return {
      ok: false,
      latencyMs: performance.now() - started,
      model: service.model,
      dimensions: null,
      error: errorMessage(error, apiKey),
    };
  }
};
