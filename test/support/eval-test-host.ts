import type { EvaluatorPlugin, Plugin } from '@agentloop/plugin-sdk';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { pino } from 'pino';
import type { EvaluatorHost } from '../../server/src/evaluation/tasks/eval-runtime.js';
import { createEvaluatorHost } from '../../server/src/evaluation/tasks/evaluator-host.js';

/**
 * The production evaluator host (runEvaluator underneath) over a fixed list of plugins, for domain
 * tests and benchmarks: with `judge`, every evaluator gets that model as its judge, priced at
 * `usdPerToken` (unpriced when omitted), whether or not it names a model service.
 */
export const pluginTestHost = (
  plugins: readonly Plugin[],
  options: { judge?: () => BaseChatModel; usdPerToken?: number } = {},
): EvaluatorHost => {
  const host = createEvaluatorHost({
    plugins: {
      evaluator: (name) => plugins.find((p): p is EvaluatorPlugin => p.kind === 'evaluator' && p.name === name),
    },
    models: {
      judge: async () => {
        if (!options.judge) throw new Error('this test host has no judge');
        const perToken = options.usdPerToken;
        return {
          model: options.judge(),
          cost: (usage) => (perToken === undefined ? null : (usage.inputTokens + usage.outputTokens) * perToken),
        };
      },
      embeddings: async () => {
        throw new Error('this test host has no embeddings');
      },
    },
    logger: pino({ level: 'silent' }),
  });
  return {
    prepare: (evaluator) =>
      host.prepare(options.judge ? { ...evaluator, judgeServiceId: evaluator.judgeServiceId ?? 'test-judge' } : evaluator),
  };
};
