import { type EvaluatorPlugin, z } from '@agentloop/plugin-sdk';
import type { Logger } from 'pino';
import { type EvaluatorModelProvider, evaluatorModels } from '../../plugins/evaluator-models.js';
import type { EvaluatorRun } from '../../plugins/evaluator-run.js';
import type { PluginRegistry } from '../../plugins/plugin-registry.js';
import { runEvaluator } from '../../plugins/run-evaluator.js';
import type { EvalOutcome, EvaluatorHost } from './eval-runtime.js';

export type EvaluatorHostDeps = {
  plugins: Pick<PluginRegistry, 'evaluator'>;
  models: EvaluatorModelProvider;
  logger: Logger;
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** runEvaluator's result as the task engine records it (usage without the call count). */
export const outcomeOf = (run: EvaluatorRun): EvalOutcome => {
  const usage = { inputTokens: run.usage.inputTokens, outputTokens: run.usage.outputTokens, cost: run.usage.cost };
  return run.status === 'scored'
    ? { status: 'scored', scores: run.scores, usage }
    : { status: 'failed', reason: run.reason, retryable: run.retryable, usage };
};

/**
 * Runs configured evaluators for eval tasks through the one runner dry runs use (runEvaluator):
 * what makes the evaluator unusable for every candidate (unknown plugin, invalid config, a model
 * service that cannot be built or is missing) is decided once per run job, so each candidate
 * records the same reason without running; everything else is runEvaluator's, per sample.
 */
export const createEvaluatorHost = (deps: EvaluatorHostDeps): EvaluatorHost => ({
  prepare: async (evaluator) => {
    const plugin = deps.plugins.evaluator(evaluator.pluginName) as EvaluatorPlugin | undefined;
    if (!plugin)
      return { unavailable: `plugin "${evaluator.pluginName}" is not loaded on this server (see the \`plugins\` query)` };
    const parsed = plugin.configSchema.safeParse(evaluator.config ?? {});
    if (!parsed.success) {
      return { unavailable: `evaluator "${evaluator.name}" has an invalid config: ${z.prettifyError(parsed.error)}` };
    }
    let models: Awaited<ReturnType<typeof evaluatorModels>>;
    try {
      models = await evaluatorModels(deps.models, evaluator.projectId, evaluator);
    } catch (error) {
      return { unavailable: `evaluator "${evaluator.name}": its model service cannot be used: ${message(error)}` };
    }
    if (plugin.needs?.judge && !models.judge) {
      return {
        unavailable: `plugin "${plugin.name}" needs a judge model; set a judge model service on evaluator "${evaluator.name}"`,
      };
    }
    if (plugin.needs?.embeddings && !models.embeddings) {
      return {
        unavailable: `plugin "${plugin.name}" needs embeddings; set an embeddings model service on evaluator "${evaluator.name}"`,
      };
    }
    const logger = deps.logger.child({ evaluator: evaluator.id });
    return {
      evaluate: async (sample, signal) =>
        outcomeOf(
          await runEvaluator(plugin, evaluator.config, sample, { ...models, timeoutMs: evaluator.timeoutMs, logger, signal }),
        ),
    };
  },
});
