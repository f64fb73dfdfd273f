import type { EvaluationSample, EvaluatorPlugin } from '@agentloop/plugin-sdk';
import type { Logger } from 'pino';
import { z } from 'zod';
import { validate } from '../../domain/validate.js';
import { InvalidInputError, NotFoundError } from '../../errors/app-error.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { type EvaluatorModelProvider, evaluatorModels } from '../../plugins/evaluator-models.js';
import type { EvaluatorRun } from '../../plugins/evaluator-run.js';
import type { PluginRegistry } from '../../plugins/plugin-registry.js';
import { runEvaluator } from '../../plugins/run-evaluator.js';
import { buildSample } from '../samples/build-sample.js';
import { fieldMappingInput } from '../samples/record-field-mapping.js';
import { inlineSample, inlineSampleSchema } from './inline-sample.js';
import { evaluatorPluginNamed, parsePluginConfig } from './plugin-config.js';
import { recordSampleForDryRun } from './record-dry-run-sample.js';

export type DryRunDeps = {
  prisma: PrismaClient;
  plugins: PluginRegistry;
  models: EvaluatorModelProvider;
  logger: Logger;
};

/** Longest a dry run may wait for a plugin: a user is waiting on the request. */
export const MAX_DRY_RUN_TIMEOUT_MS = 120_000;

const REFUSED_WITH_EVALUATOR = ['config', 'judgeServiceId', 'embeddingsServiceId'] as const;
const FIELD_OF = { config: 'config', judgeServiceId: 'judgeService', embeddingsServiceId: 'embeddingsService' } as const;

const dryRunInput = z
  .object({
    plugin: z.string().min(1, 'name a plugin').nullish(),
    evaluatorId: z.uuid().nullish(),
    config: z.unknown(),
    judgeServiceId: z.uuid().nullish(),
    embeddingsServiceId: z.uuid().nullish(),
    timeoutMs: z.number().int().min(100, 'must be at least 100').max(MAX_DRY_RUN_TIMEOUT_MS).nullish(),
    sample: z.union(
      [
        z.strictObject({ traceRowId: z.uuid() }),
        z.strictObject({ spanRowId: z.uuid() }),
        z.strictObject({
          recordRowId: z.uuid(),
          snapshotId: z.uuid().nullish(),
          fieldMapping: fieldMappingInput.nullish(),
        }),
        z.strictObject({ inline: inlineSampleSchema }),
      ],
      { error: 'give exactly one of `trace`, `span`, `datasetRecord` and `inline`' },
    ),
  })
  .superRefine((input, ctx) => {
    if (!input.plugin === !input.evaluatorId) {
      ctx.addIssue({ code: 'custom', path: ['plugin'], message: 'give exactly one of `plugin` and `evaluator`' });
    }
    if (!input.evaluatorId) return;
    for (const key of REFUSED_WITH_EVALUATOR) {
      if (input[key] !== undefined && input[key] !== null) {
        ctx.addIssue({
          code: 'custom',
          path: [FIELD_OF[key]],
          message: 'comes from the evaluator; leave it out, or dry-run by `plugin` to try another',
        });
      }
    }
  });

type DryRunInput = z.output<typeof dryRunInput>;

/** What to run: a plugin with what the user typed, or a configured evaluator as its tasks run it. */
type Setup = {
  plugin: EvaluatorPlugin;
  config: unknown;
  judgeServiceId: string | null;
  embeddingsServiceId: string | null;
  timeoutMs: number;
  /** Where a missing model service must be set, for the error. */
  modelsAt: { judge: string; embeddings: string };
};

const setupOf = async (deps: DryRunDeps, projectId: string, data: DryRunInput): Promise<Setup> => {
  if (data.evaluatorId) {
    const row = await deps.prisma.evaluator.findFirst({ where: { id: data.evaluatorId, projectId } });
    if (!row) throw new NotFoundError('Evaluator', data.evaluatorId);
    const plugin = evaluatorPluginNamed(deps.plugins, row.pluginName, 'evaluator');
    return {
      plugin,
      config: row.config,
      judgeServiceId: row.judgeServiceId,
      embeddingsServiceId: row.embeddingsServiceId,
      timeoutMs: data.timeoutMs ?? Math.min(row.timeoutMs, MAX_DRY_RUN_TIMEOUT_MS),
      modelsAt: { judge: 'evaluator', embeddings: 'evaluator' },
    };
  }
  return {
    plugin: evaluatorPluginNamed(deps.plugins, data.plugin ?? ''),
    config: data.config,
    judgeServiceId: data.judgeServiceId ?? null,
    embeddingsServiceId: data.embeddingsServiceId ?? null,
    timeoutMs: data.timeoutMs ?? 60_000,
    modelsAt: { judge: 'judgeService', embeddings: 'embeddingsService' },
  };
};

const sampleOf = async (deps: DryRunDeps, projectId: string, sample: DryRunInput['sample']) => {
  if ('inline' in sample) return inlineSample(sample.inline);
  if ('recordRowId' in sample) return recordSampleForDryRun(deps.prisma, projectId, sample);
  if ('traceRowId' in sample) {
    const trace = await deps.prisma.trace.findFirst({ where: { id: sample.traceRowId, projectId }, select: { traceId: true } });
    const built = trace && (await buildSample(deps.prisma, projectId, { type: 'trace', traceId: trace.traceId }));
    if (!built) throw new NotFoundError('Trace', sample.traceRowId);
    return built;
  }
  const built = await buildSample(deps.prisma, projectId, { type: 'span', spanRowId: sample.spanRowId });
  if (!built) throw new NotFoundError('Span', sample.spanRowId);
  return built;
};

/**
 * Runs a plugin with a config, or a configured evaluator with its own config and model services,
 * on one sample exactly as an eval task would (same runner, same models, same samples), without
 * writing scores. Bad input (unknown plugin or evaluator, config errors by field, missing target)
 * is an InvalidInputError / NotFoundError; anything the plugin does is in the result.
 */
export const dryRunEvaluator = async (
  deps: DryRunDeps,
  projectId: string,
  input: z.input<typeof dryRunInput>,
): Promise<EvaluatorRun & { sample: EvaluationSample }> => {
  const data = validate(dryRunInput, input);
  const setup = await setupOf(deps, projectId, data);
  const { plugin } = setup;
  parsePluginConfig(plugin, setup.config, data.evaluatorId ? 'evaluator.config' : 'config');
  if (plugin.needs?.judge && !setup.judgeServiceId) {
    throw new InvalidInputError([{ path: setup.modelsAt.judge, message: `plugin "${plugin.name}" needs a judge model service` }]);
  }
  if (plugin.needs?.embeddings && !setup.embeddingsServiceId) {
    throw new InvalidInputError([
      { path: setup.modelsAt.embeddings, message: `plugin "${plugin.name}" needs an embeddings model service` },
    ]);
  }
  const sample = await sampleOf(deps, projectId, data.sample);
  const models = await evaluatorModels(deps.models, projectId, setup);
  const run = await runEvaluator(plugin, setup.config, sample, { ...models, timeoutMs: setup.timeoutMs, logger: deps.logger });
  return { ...run, sample };
};
