import { z } from 'zod';
import type { Actor, Principal } from '../../auth/principal.js';
import { auditedTransaction } from '../../domain/audited-transaction.js';
import { isUniqueViolation } from '../../domain/prisma-errors.js';
import type { ServiceDeps } from '../../domain/service-deps.js';
import { validate } from '../../domain/validate.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../../errors/app-error.js';
import type { Evaluator, Prisma } from '../../generated/prisma/client.js';
import { findModelService } from '../../models/model-services.js';
import { assertServiceKind } from '../../models/service-kind.js';
import type { PluginRegistry } from '../../plugins/plugin-registry.js';

export type EvaluatorDeps = ServiceDeps & { plugins: PluginRegistry };

const name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const serviceId = z.uuid('must be a model service id').nullable();
const timeoutMs = z.number().int('must be whole milliseconds').min(100, 'at least 100 ms').max(600_000, 'at most 10 minutes');
const config = z.record(z.string(), z.unknown());

const createInput = z.object({
  name,
  description: z.string().max(2000, 'at most 2000 characters').nullish(),
  plugin: z.string().trim().min(1, 'must name a plugin'),
  config: config.default({}),
  judgeServiceId: serviceId.optional(),
  embeddingsServiceId: serviceId.optional(),
  timeoutMs: timeoutMs.optional(),
});

const updateInput = z.object({
  id: z.uuid(),
  name: name.optional(),
  description: z.string().max(2000, 'at most 2000 characters').nullish(),
  config: config.optional(),
  judgeServiceId: serviceId.optional(),
  embeddingsServiceId: serviceId.optional(),
  timeoutMs: timeoutMs.optional(),
});

export type CreateEvaluatorInput = z.input<typeof createInput>;
export type UpdateEvaluatorInput = z.input<typeof updateInput>;

/** A project's evaluators only: another project's id is "not found", never "forbidden". */
export const findEvaluator = async (db: Pick<Prisma.TransactionClient, 'evaluator'>, projectId: string, id: string) => {
  const evaluator = await db.evaluator.findFirst({ where: { id, projectId } });
  if (!evaluator) throw new NotFoundError('Evaluator', id);
  return evaluator;
};

/**
 * The checks a run would otherwise fail on for every candidate, made once when the evaluator is
 * saved: the plugin is loaded, the config passes its schema (issues point into `config.…`), and
 * the judge / embeddings services it needs exist in the project and are of the right kind.
 */
const checkConfiguration = async (
  deps: EvaluatorDeps,
  projectId: string,
  wanted: { plugin: string; config: Record<string, unknown>; judgeServiceId: string | null; embeddingsServiceId: string | null },
) => {
  const plugin = deps.plugins.evaluator(wanted.plugin);
  if (!plugin) {
    throw new InvalidInputError([
      { path: 'plugin', message: `no evaluator plugin named "${wanted.plugin}" is loaded (see the plugins query)` },
    ]);
  }
  const parsed = plugin.configSchema.safeParse(wanted.config);
  if (!parsed.success) {
    throw new InvalidInputError(
      parsed.error.issues.map((issue) => ({ path: ['config', ...issue.path].join('.'), message: issue.message })),
    );
  }
  const issues: { path: string; message: string }[] = [];
  if (plugin.needs?.judge && !wanted.judgeServiceId) {
    issues.push({ path: 'judgeService', message: `plugin "${plugin.name}" needs a judge: name a CHAT model service` });
  }
  if (plugin.needs?.embeddings && !wanted.embeddingsServiceId) {
    issues.push({
      path: 'embeddingsService',
      message: `plugin "${plugin.name}" needs embeddings: name an EMBEDDING model service`,
    });
  }
  if (issues.length > 0) throw new InvalidInputError(issues);
  if (wanted.judgeServiceId) {
    assertServiceKind(await findModelService(deps.prisma, projectId, wanted.judgeServiceId), 'CHAT', 'judgeService');
  }
  if (wanted.embeddingsServiceId) {
    assertServiceKind(
      await findModelService(deps.prisma, projectId, wanted.embeddingsServiceId),
      'EMBEDDING',
      'embeddingsService',
    );
  }
};

const conflictOnDuplicateName = (evaluatorName: string | undefined) => (error: unknown) => {
  if (isUniqueViolation(error)) throw new ConflictError(`An evaluator named "${evaluatorName}" already exists in this project`);
  throw error;
};

const summaryOf = (evaluator: Evaluator) => ({
  name: evaluator.name,
  pluginName: evaluator.pluginName,
  config: evaluator.config,
  judgeServiceId: evaluator.judgeServiceId,
  embeddingsServiceId: evaluator.embeddingsServiceId,
  timeoutMs: evaluator.timeoutMs,
});

export const createEvaluator = async (deps: EvaluatorDeps, principal: Principal, actor: Actor, input: CreateEvaluatorInput) => {
  const data = validate(createInput, input);
  const wanted = {
    plugin: data.plugin,
    config: data.config,
    judgeServiceId: data.judgeServiceId ?? null,
    embeddingsServiceId: data.embeddingsServiceId ?? null,
  };
  await checkConfiguration(deps, principal.projectId, wanted);
  return auditedTransaction(deps, actor, async (tx) => {
    const evaluator = await tx.evaluator.create({
      data: {
        projectId: principal.projectId,
        name: data.name,
        description: data.description ?? null,
        pluginName: data.plugin,
        config: data.config as Prisma.InputJsonValue,
        judgeServiceId: wanted.judgeServiceId,
        embeddingsServiceId: wanted.embeddingsServiceId,
        ...(data.timeoutMs === undefined ? {} : { timeoutMs: data.timeoutMs }),
      },
    });
    return {
      result: evaluator,
      audit: [
        {
          action: 'evaluator.create',
          entityType: 'Evaluator',
          entityId: evaluator.id,
          projectId: principal.projectId,
          summary: summaryOf(evaluator),
        },
      ],
    };
  }).catch(conflictOnDuplicateName(data.name));
};

/** Absent fields keep their value; the whole configuration is checked again as it will run. */
export const updateEvaluator = async (deps: EvaluatorDeps, principal: Principal, actor: Actor, input: UpdateEvaluatorInput) => {
  const { id, ...changes } = validate(updateInput, input);
  const current = await findEvaluator(deps.prisma, principal.projectId, id);
  await checkConfiguration(deps, principal.projectId, {
    plugin: current.pluginName,
    config: changes.config ?? (current.config as Record<string, unknown>),
    judgeServiceId: changes.judgeServiceId === undefined ? current.judgeServiceId : changes.judgeServiceId,
    embeddingsServiceId: changes.embeddingsServiceId === undefined ? current.embeddingsServiceId : changes.embeddingsServiceId,
  });
  return auditedTransaction(deps, actor, async (tx) => {
    const before = await findEvaluator(tx, principal.projectId, id);
    const evaluator = await tx.evaluator.update({
      where: { id },
      data: {
        ...(changes.name === undefined ? {} : { name: changes.name }),
        ...(changes.description === undefined ? {} : { description: changes.description }),
        ...(changes.config === undefined ? {} : { config: changes.config as Prisma.InputJsonValue }),
        ...(changes.judgeServiceId === undefined ? {} : { judgeServiceId: changes.judgeServiceId }),
        ...(changes.embeddingsServiceId === undefined ? {} : { embeddingsServiceId: changes.embeddingsServiceId }),
        ...(changes.timeoutMs === undefined ? {} : { timeoutMs: changes.timeoutMs }),
      },
    });
    return {
      result: evaluator,
      audit: [
        {
          action: 'evaluator.update',
          entityType: 'Evaluator',
          entityId: id,
          projectId: principal.projectId,
          summary: { from: summaryOf(before), to: summaryOf(evaluator) },
        },
      ],
    };
  }).catch(conflictOnDuplicateName(changes.name));
};

/**
 * Deleting an evaluator deletes its finished tasks (and their decisions); the scores it wrote
 * stay. Refused while one of its tasks can still run, so no worker is left holding a task whose
 * evaluator vanished.
 */
export const deleteEvaluator = (deps: ServiceDeps, principal: Principal, actor: Actor, id: string) =>
  auditedTransaction(deps, actor, async (tx) => {
    const evaluator = await findEvaluator(tx, principal.projectId, id);
    const live = await tx.evalTask.count({ where: { evaluatorId: id, status: { in: ['RUNNING', 'PAUSED'] } } });
    if (live > 0) {
      throw new ConflictError(`Evaluator "${evaluator.name}" has ${live} running or paused task(s); cancel them first`);
    }
    await tx.evaluator.delete({ where: { id } });
    return {
      result: evaluator,
      audit: [
        {
          action: 'evaluator.delete',
          entityType: 'Evaluator',
          entityId: id,
          projectId: principal.projectId,
          summary: summaryOf(evaluator),
        },
      ],
    };
  });
