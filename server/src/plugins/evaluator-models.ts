import type { Embeddings } from '@langchain/core/embeddings';
import { chatModelForService } from '../models/chat-model-for-service.js';
import { costOf } from '../models/cost-of.js';
import { embeddingsForService } from '../models/embeddings-for-service.js';
import type { ModelServiceDeps } from '../models/model-service-deps.js';
import type { JudgeModel } from './run-evaluator.js';

/**
 * Where an evaluator's judge and embeddings come from, by model service id. Production reads the
 * project's model services; tests and other hosts can hand in anything LangChain-shaped.
 */
export type EvaluatorModelProvider = {
  judge(projectId: string, serviceId: string): Promise<JudgeModel>;
  embeddings(projectId: string, serviceId: string): Promise<Embeddings>;
};

/** The models of a configured evaluator (only those it names). */
export const evaluatorModels = async (
  provider: EvaluatorModelProvider,
  projectId: string,
  evaluator: { judgeServiceId: string | null; embeddingsServiceId: string | null },
): Promise<{ judge?: JudgeModel; embeddings?: Embeddings }> => ({
  judge: evaluator.judgeServiceId ? await provider.judge(projectId, evaluator.judgeServiceId) : undefined,
  embeddings: evaluator.embeddingsServiceId ? await provider.embeddings(projectId, evaluator.embeddingsServiceId) : undefined,
});

/** Judges and embeddings from the project's model services, priced with the service's prices. */
export const modelServiceProvider = (deps: Pick<ModelServiceDeps, 'prisma' | 'secrets'>): EvaluatorModelProvider => ({
  judge: async (projectId, serviceId) => {
    const { service, model } = await chatModelForService(deps, projectId, serviceId);
    return { model, cost: (usage) => costOf(service, usage) };
  },
  embeddings: async (projectId, serviceId) => (await embeddingsForService(deps, projectId, serviceId)).embeddings,
});
