import type { EvaluationSample } from '@agentloop/plugin-sdk';
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
import { inlineSample, inlineSampleSchema } from './inline-sample.js';
import { evaluatorPluginNamed, parsePluginConfig } from './plugin-config.js';

export type DryRunDeps = {
  prisma: PrismaClient;
  plugins: PluginRegistry;
  models: EvaluatorModelProvider;
  logger: Logger;
};

/** Longest a dry run may wait for a plugin: a user is waiting on the request. */
export const MAX_DRY_RUN_TIMEOUT_MS = 120_000;

const dryRunInput = z.object({
  plugin: z.string().min(1, 'name a plugin'),
  config: z.unknown(),
  judgeServiceId: z.uuid().nullish(),
  embeddingsServiceId: z.uuid().nullish(),
  timeoutMs: z.number().int().min(100, 'must be at least 100').max(MAX_DRY_RUN_TIMEOUT_MS).default(60_000),
  sample: z.union(
    [
      z.strictObject({ traceRowId: z.uuid() }),
      z.strictObject({ spanRowId: z.uuid() }),
      z.strictObject({ inline: inlineSampleSchema }),
    ],
    { error: 'give exactly one of `trace`, `span` and `inline`' },
  ),
});

const sampleOf = async (deps: DryRunDeps, projectId: string, sample: z.output<typeof dryRunInput>['sample']) => {
  if ('inline' in sample) return inlineSample(sample.inline);
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
 * Runs a plugin with a config on one sample exactly as an eval task would (same runner, same
 * models), without writing scores. Bad input (unknown plugin, config errors by field, missing
 * target) is an InvalidInputError / NotFoundError; anything the plugin does is in the result.
 */
export const dryRunEvaluator = async (
  deps: DryRunDeps,
  projectId: string,
  input: z.input<typeof dryRunInput>,
): Promise<EvaluatorRun & { sample: EvaluationSample }> => {
  const data = validate(dryRunInput, input);
  const plugin = evaluatorPluginNamed(deps.plugins, data.plugin);
  parsePluginConfig(plugin, data.config);
  if (plugin.needs?.judge && !data.judgeServiceId) {
    throw new InvalidInputError([{ path: 'judgeService', message: `plugin "${plugin.name}" needs a judge model service` }]);
  }
  if (plugin.needs?.embeddings && !data.embeddingsServiceId) {
    throw new InvalidInputError([
      { path: 'embeddingsService', message: `plugin "${plugin.name}" needs an embeddings model service` },
    ]);
  }
  const sample = await sampleOf(deps, projectId, data.sample);
  const models = await evaluatorModels(deps.models, projectId, {
    judgeServiceId: data.judgeServiceId ?? null,
    embeddingsServiceId: data.embeddingsServiceId ?? null,
  });
  const run = await runEvaluator(plugin, data.config, sample, { ...models, timeoutMs: data.timeoutMs, logger: deps.logger });
  return { ...run, sample };
};
