import type { z } from 'zod';
import type { Actor, Principal } from '../auth/principal.js';
import { uuidv7 } from '../datasets/uuid-v7.js';
import { auditedTransaction } from '../domain/audited-transaction.js';
import { isUniqueViolation } from '../domain/prisma-errors.js';
import type { ServiceDeps } from '../domain/service-deps.js';
import { validate } from '../domain/validate.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors/app-error.js';
import type { ModelService, Prisma } from '../generated/prisma/client.js';
import { reindexDatasetsUsingEmbeddings } from '../search/embedding-service-reindex.js';
import { storedParameters } from './model-parameters.js';
import type { ModelServiceDeps } from './model-service-deps.js';
import { combinationIssues, createModelServiceInput, updateModelServiceInput } from './model-service-input.js';
import { sealApiKey } from './service-api-key.js';

/** A project's services only: another project's id is "not found", never "forbidden". */
export const findModelService = async (
  db: Pick<Prisma.TransactionClient, 'modelService'>,
  projectId: string,
  id: string,
): Promise<ModelService> => {
  const service = await db.modelService.findFirst({ where: { id, projectId } });
  if (!service) throw new NotFoundError('ModelService', id);
  return service;
};

const conflictOnDuplicateName = (name: string | undefined) => (error: unknown) => {
  if (isUniqueViolation(error)) throw new ConflictError(`A model service named "${name}" already exists in this project`);
  throw error;
};

/** Dataset vectors made by the service (or by the project's only one) are stale or missing: rebuild those indexes. */
const reindexEmbeddingUsers = (tx: Prisma.TransactionClient, projectId: string, serviceId: string | null) =>
  reindexDatasetsUsingEmbeddings((sql, params) => tx.$executeRawUnsafe(sql, ...params), projectId, serviceId);

/** What decides the vectors an embedding service returns; a key or price change does not. */
const vectorsDiffer = (a: ModelService, b: ModelService) =>
  a.kind !== b.kind ||
  a.provider !== b.provider ||
  a.model !== b.model ||
  a.baseUrl !== b.baseUrl ||
  storedParameters(a.parameters).dimensions !== storedParameters(b.parameters).dimensions;

const throwIfAny = (issues: { path: string; message: string }[]) => {
  if (issues.length > 0) throw new InvalidInputError(issues);
};

/** What the audit log keeps: everything but the key, of which only its presence is recorded. */
const summaryOf = (service: ModelService) => ({
  name: service.name,
  provider: service.provider,
  kind: service.kind,
  model: service.model,
  baseUrl: service.baseUrl,
  parameters: storedParameters(service.parameters),
  inputPricePerMillion: service.inputPricePerMillion === null ? null : Number(service.inputPricePerMillion),
  outputPricePerMillion: service.outputPricePerMillion === null ? null : Number(service.outputPricePerMillion),
  hasApiKey: service.apiKeyEncrypted !== null,
});

export const createModelService = async (
  deps: ModelServiceDeps,
  principal: Principal,
  actor: Actor,
  input: z.input<typeof createModelServiceInput>,
) => {
  const { apiKey, ...data } = validate(createModelServiceInput, input);
  const parameters = data.parameters ?? {};
  throwIfAny(combinationIssues({ ...data, baseUrl: data.baseUrl ?? null, parameters, hasApiKey: Boolean(apiKey) }));
  // The id is made here because the encrypted key is bound to it.
  const id = uuidv7();
  const sealed = apiKey ? await sealApiKey(deps.secrets, principal.projectId, id, apiKey) : {};
  return auditedTransaction(deps, actor, async (tx) => {
    const service = await tx.modelService.create({
      data: { ...data, id, parameters, projectId: principal.projectId, ...sealed },
    });
    // The project's first embedding service makes semantic search work on datasets that rely on it.
    if (service.kind === 'EMBEDDING') await reindexEmbeddingUsers(tx, principal.projectId, id);
    return {
      result: service,
      audit: [
        {
          action: 'modelService.create',
          entityType: 'ModelService',
          entityId: id,
          projectId: principal.projectId,
          summary: summaryOf(service),
        },
      ],
    };
  }).catch(conflictOnDuplicateName(data.name));
};

export const updateModelService = async (
  deps: ModelServiceDeps,
  principal: Principal,
  actor: Actor,
  input: z.input<typeof updateModelServiceInput>,
) => {
  const { id, apiKey, ...changes } = validate(updateModelServiceInput, input);
  const current = await findModelService(deps.prisma, principal.projectId, id);
  throwIfAny(
    combinationIssues({
      provider: changes.provider ?? current.provider,
      kind: changes.kind ?? current.kind,
      baseUrl: changes.baseUrl === undefined ? current.baseUrl : changes.baseUrl,
      parameters: changes.parameters ?? storedParameters(current.parameters),
      hasApiKey: apiKey === undefined ? current.apiKeyEncrypted !== null : apiKey !== null,
    }),
  );
  const sealed =
    apiKey === undefined
      ? {}
      : apiKey === null
        ? { apiKeyEncrypted: null, apiKeyKeyId: null }
        : await sealApiKey(deps.secrets, principal.projectId, id, apiKey);
  return auditedTransaction(deps, actor, async (tx) => {
    const before = await findModelService(tx, principal.projectId, id);
    const service = await tx.modelService.update({ where: { id }, data: { ...changes, ...sealed } });
    if ((before.kind === 'EMBEDDING' || service.kind === 'EMBEDDING') && vectorsDiffer(before, service)) {
      await reindexEmbeddingUsers(tx, principal.projectId, id);
    }
    return {
      result: service,
      audit: [
        {
          action: 'modelService.update',
          entityType: 'ModelService',
          entityId: id,
          projectId: principal.projectId,
          // `apiKeyChanged` says a key was replaced or removed without saying anything about either key.
          summary: { from: summaryOf(before), to: summaryOf(service), apiKeyChanged: apiKey !== undefined },
        },
      ],
    };
  }).catch(conflictOnDuplicateName(changes.name));
};

/** Refused while an evaluator uses the service: its tasks would fail on every candidate. */
export const deleteModelService = (deps: ServiceDeps, principal: Principal, actor: Actor, id: string) =>
  auditedTransaction(deps, actor, async (tx) => {
    const service = await findModelService(tx, principal.projectId, id);
    const users = await tx.evaluator.findMany({
      where: { projectId: principal.projectId, OR: [{ judgeServiceId: id }, { embeddingsServiceId: id }] },
      select: { name: true },
      take: 5,
    });
    if (users.length > 0) {
      throw new ConflictError(
        `Model service "${service.name}" is used by evaluator(s) ${users.map((u) => `"${u.name}"`).join(', ')}; point them elsewhere first`,
      );
    }
    await tx.modelService.delete({ where: { id } });
    // Down to one embedding service: the datasets relying on the project's only one now have it.
    if (service.kind === 'EMBEDDING') await reindexEmbeddingUsers(tx, principal.projectId, null);
    return {
      result: service,
      audit: [
        {
          action: 'modelService.delete',
          entityType: 'ModelService',
          entityId: id,
          projectId: principal.projectId,
          summary: summaryOf(service),
        },
      ],
    };
  });
