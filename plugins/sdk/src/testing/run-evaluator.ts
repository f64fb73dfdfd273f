import type { Embeddings } from '@langchain/core/embeddings';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import { z } from 'zod';
import { type EvaluationResult, failed } from '../evaluation-result.js';
import type { EvaluationSample, EvaluationTarget } from '../evaluation-sample.js';
import type { EvaluatorPlugin } from '../evaluator-plugin.js';
import { missingInputs } from '../missing-inputs.js';
import type { UsageReport } from '../usage-reporter.js';
import { validateEvaluationResult } from '../validate-evaluation-result.js';
import { hashEmbeddings } from './hash-embeddings.js';
import { type LogEntry, recordingLogger } from './recording-logger.js';
import { recordingUsageReporter } from './recording-usage-reporter.js';
import { type ScriptedChatModel, type ScriptedReplyEntry, scriptedChatModel } from './scripted-chat-model.js';

/** Options of `runEvaluator`. */
export interface RunEvaluatorOptions {
  /** The configuration as a user would write it; parsed by the plugin's `configSchema` (default `{}`). */
  config?: unknown;
  /** Replies for a scripted judge (see `scriptedChatModel`). */
  judgeReplies?: readonly ScriptedReplyEntry[];
  /** A judge model of your own, instead of `judgeReplies`. */
  judge?: BaseChatModel;
  /** An embeddings model; defaults to `hashEmbeddings()` when the plugin declares `needs.embeddings`. */
  embeddings?: Embeddings;
  /** The target to evaluate (default `{ type: 'trace', id: 'test-target' }`). */
  target?: EvaluationTarget;
  /** Abort `evaluate` and record a failure after this long (default 10 000 ms). */
  timeoutMs?: number;
}

/** What `runEvaluator` returns. */
export interface RunEvaluatorOutcome {
  /** The result as the host would record it: the plugin's valid result, or a failure saying what went wrong. */
  result: EvaluationResult;
  /** What `evaluate` returned, before validation (absent when it threw, timed out or was not called). */
  rawResult?: unknown;
  /** What `evaluate` threw, if it did (for its stack trace). */
  error?: unknown;
  /** Every usage report, in order. */
  usage: UsageReport[];
  /** The messages of every call to the scripted judge, in order (empty without `judgeReplies`). */
  judgeCalls: BaseMessage[][];
  /** Everything the plugin logged. */
  logs: LogEntry[];
}

/**
 * Runs an evaluator on one sample the way the host does — config parsed by its schema, required
 * inputs and needed models checked, `setup`/`teardown` called, a timeout, throws and invalid
 * results turned into failures, the result checked with `validateEvaluationResult` — with a
 * scripted judge and recording logger and usage reporter.
 *
 * @throws Error when `config` does not parse: that is a mistake in the test, not a plugin result.
 *
 * @example
 * const { result } = await runEvaluator(toxicity(), { output: 'You idiot.' }, {
 *   judgeReplies: ['{"score": 0.9, "reasoning": "insult"}'],
 * });
 * expect(result).toMatchObject({ status: 'scored', scores: [{ name: 'toxicity', value: 0.9 }] });
 */
export async function runEvaluator<Config>(
  plugin: EvaluatorPlugin<Config>,
  sample: Omit<EvaluationSample, 'target'> & { target?: EvaluationTarget },
  options: RunEvaluatorOptions = {},
): Promise<RunEvaluatorOutcome> {
  const parsedConfig = plugin.configSchema.safeParse(options.config ?? {});
  if (!parsedConfig.success)
    throw new Error(`invalid config for plugin "${plugin.name}":\n${z.prettifyError(parsedConfig.error)}`);
  const config = parsedConfig.data;

  const logger = recordingLogger();
  const usage = recordingUsageReporter();
  const scripted: ScriptedChatModel | undefined = options.judgeReplies ? scriptedChatModel(options.judgeReplies) : undefined;
  const judge = options.judge ?? scripted;
  const embeddings = options.embeddings ?? (plugin.needs?.embeddings ? hashEmbeddings() : undefined);
  const outcome = (rest: Omit<RunEvaluatorOutcome, 'usage' | 'judgeCalls' | 'logs'>): RunEvaluatorOutcome => ({
    ...rest,
    usage: usage.reports,
    judgeCalls: scripted?.calls ?? [],
    logs: logger.entries,
  });

  const fullSample: EvaluationSample = {
    ...sample,
    target: sample.target ?? options.target ?? { type: 'trace', id: 'test-target' },
  };
  const missing = missingInputs(plugin, fullSample);
  if (missing.length > 0) return outcome({ result: failed(`the sample lacks required input(s): ${missing.join(', ')}`) });
  if (plugin.needs?.judge && !judge) {
    return outcome({
      result: failed(`plugin "${plugin.name}" needs a judge model and none was given (pass judgeReplies or judge)`),
    });
  }

  const timeoutMs = options.timeoutMs ?? 10_000;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  await plugin.setup?.({ logger });
  try {
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new Error(`timed out after ${timeoutMs} ms`));
        resolve('timeout');
      }, timeoutMs);
    });
    let rawResult: unknown;
    try {
      rawResult = await Promise.race([
        plugin.evaluate({ sample: fullSample, config, judge, embeddings, signal: controller.signal, logger, usage }),
        timedOut,
      ]);
    } catch (error) {
      return outcome({ result: failed(`evaluate threw: ${error instanceof Error ? error.message : String(error)}`), error });
    }
    if (rawResult === 'timeout')
      return outcome({ result: failed(`evaluate timed out after ${timeoutMs} ms`, { retryable: true }) });
    const validation = validateEvaluationResult(plugin, rawResult, { config });
    if (!validation.ok) return outcome({ result: failed(`invalid result: ${validation.reason}`), rawResult });
    return outcome({ result: validation.result, rawResult });
  } finally {
    clearTimeout(timer);
    await plugin.teardown?.();
  }
}
