import type { EvaluatorPlugin, Plugin } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { EvaluatorHost } from '../../server/src/evaluation/tasks/eval-runtime.js';

/**
 * An evaluator host for domain tests until the plugin host lands: runs the given plugins through
 * the SDK's own host-equivalent runner (config parsing, timeout, result validation), prices tokens
 * at `usdPerToken`.
 */
export const pluginTestHost = (
  plugins: readonly Plugin[],
  options: { judge?: () => BaseChatModel; usdPerToken?: number } = {},
): EvaluatorHost => ({
  prepare: async (evaluator) => {
    const plugin = plugins.find((p): p is EvaluatorPlugin => p.kind === 'evaluator' && p.name === evaluator.pluginName);
    if (!plugin) return { unavailable: `plugin "${evaluator.pluginName}" is not loaded` };
    return {
      evaluate: async (sample) => {
        const { result, usage } = await runEvaluator(plugin, sample, {
          config: evaluator.config,
          judge: options.judge?.(),
          timeoutMs: evaluator.timeoutMs,
        });
        const inputTokens = usage.reduce((sum, u) => sum + u.inputTokens, 0);
        const outputTokens = usage.reduce((sum, u) => sum + u.outputTokens, 0);
        const priced = usage.reduce((sum, u) => sum + (u.costUsd ?? 0), 0);
        const cost = priced + (inputTokens + outputTokens) * (options.usdPerToken ?? 0);
        const totals = { inputTokens, outputTokens, cost };
        return result.status === 'scored'
          ? { status: 'scored', scores: result.scores, usage: totals }
          : { status: 'failed', reason: result.reason, retryable: result.retryable ?? false, usage: totals };
      },
    };
  },
});
