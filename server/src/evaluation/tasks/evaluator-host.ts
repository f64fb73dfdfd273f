import {
  type EvaluationResult,
  type EvaluatorPlugin,
  isRetryableError,
  missingInputs,
  type UsageReport,
  validateEvaluationResult,
  z,
} from '@agentloop/plugin-sdk';
import type { Embeddings } from '@langchain/core/embeddings';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Logger } from 'pino';
import type { ModelService, PrismaClient } from '../../generated/prisma/client.js';
import { chatModelForService } from '../../models/chat-model-for-service.js';
import { costOf } from '../../models/cost-of.js';
import { embeddingsForService } from '../../models/embeddings-for-service.js';
import { pluginLogger } from '../../plugins/plugin-logger.js';
import type { PluginRegistry } from '../../plugins/plugin-registry.js';
import type { SecretKeyring } from '../../secrets/secret-keyring.js';
import type { EvalOutcome, EvaluatorHost } from './eval-runtime.js';

export type EvaluatorHostDeps = {
  prisma: PrismaClient;
  secrets: SecretKeyring;
  plugins: Pick<PluginRegistry, 'evaluator'>;
  logger: Logger;
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

const priced = (reports: UsageReport[], judge: ModelService | null) => {
  const inputTokens = reports.reduce((sum, r) => sum + r.inputTokens, 0);
  const outputTokens = reports.reduce((sum, r) => sum + r.outputTokens, 0);
  // What a plugin priced itself counts as is; the rest at the judge service's prices (unknown → 0,
  // and the score's judge cost stays null).
  const own = reports.reduce((sum, r) => sum + (r.costUsd ?? 0), 0);
  const unpriced = reports.filter((r) => r.costUsd === undefined);
  const rest = judge
    ? (costOf(judge, {
        inputTokens: unpriced.reduce((s, r) => s + r.inputTokens, 0),
        outputTokens: unpriced.reduce((s, r) => s + r.outputTokens, 0),
      }) ?? 0)
    : 0;
  return { inputTokens, outputTokens, cost: own + rest };
};

/**
 * Runs configured evaluators for eval tasks: the plugin from the registry, its config parsed by
 * its own schema, the judge and embeddings from the evaluator's model services, a timeout, and the
 * result checked against the plugin's declared scores. Every failure comes back as a value.
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
    const config = parsed.data;
    let judge: BaseChatModel | undefined;
    let judgeService: ModelService | null = null;
    let embeddings: Embeddings | undefined;
    try {
      if (evaluator.judgeServiceId) {
        ({ model: judge, service: judgeService } = await chatModelForService(
          deps,
          evaluator.projectId,
          evaluator.judgeServiceId,
        ));
      }
      if (evaluator.embeddingsServiceId) {
        ({ embeddings } = await embeddingsForService(deps, evaluator.projectId, evaluator.embeddingsServiceId));
      }
    } catch (error) {
      return { unavailable: `evaluator "${evaluator.name}": its model service cannot be used: ${message(error)}` };
    }
    if (plugin.needs?.judge && !judge) {
      return {
        unavailable: `plugin "${plugin.name}" needs a judge model; set a judge model service on evaluator "${evaluator.name}"`,
      };
    }
    if (plugin.needs?.embeddings && !embeddings) {
      return {
        unavailable: `plugin "${plugin.name}" needs embeddings; set an embeddings model service on evaluator "${evaluator.name}"`,
      };
    }
    const logger = pluginLogger(deps.logger.child({ plugin: plugin.name, evaluator: evaluator.id }));

    return {
      evaluate: async (sample, signal): Promise<EvalOutcome> => {
        const missing = missingInputs(plugin, sample);
        const reports: UsageReport[] = [];
        const usage = () => priced(reports, judgeService);
        if (missing.length > 0) {
          return {
            status: 'failed',
            reason: `the sample has no ${missing.join(', ')}, which ${plugin.name} requires`,
            retryable: false,
            usage: usage(),
          };
        }
        const controller = new AbortController();
        const abort = () => controller.abort(signal.reason);
        signal.addEventListener('abort', abort, { once: true });
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => {
            controller.abort(new Error(`timed out after ${evaluator.timeoutMs} ms`));
            resolve('timeout');
          }, evaluator.timeoutMs);
        });
        try {
          const raw = await Promise.race([
            plugin.evaluate({
              sample,
              config,
              judge,
              embeddings,
              signal: controller.signal,
              logger,
              usage: { report: (report) => reports.push(report) },
            }),
            timedOut,
          ]);
          if (raw === 'timeout') {
            return {
              status: 'failed',
              reason: `evaluate timed out after ${evaluator.timeoutMs} ms`,
              retryable: true,
              usage: usage(),
            };
          }
          const checked = validateEvaluationResult(plugin, raw, { config });
          if (!checked.ok)
            return {
              status: 'failed',
              reason: `invalid result from ${plugin.name}: ${checked.reason}`,
              retryable: false,
              usage: usage(),
            };
          const result: EvaluationResult = checked.result;
          return result.status === 'scored'
            ? { status: 'scored', scores: result.scores, usage: usage() }
            : { status: 'failed', reason: result.reason, retryable: result.retryable ?? false, usage: usage() };
        } catch (error) {
          return {
            status: 'failed',
            reason: `${plugin.name} threw: ${message(error)}`,
            retryable: isRetryableError(error),
            usage: usage(),
          };
        } finally {
          clearTimeout(timer);
          signal.removeEventListener('abort', abort);
        }
      },
    };
  },
});
