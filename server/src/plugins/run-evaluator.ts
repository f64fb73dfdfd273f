import {
  type EvaluationSample,
  type EvaluatorPlugin,
  isRetryableError,
  missingInputs,
  type ScoreResult,
  type UsageReport,
  type UsageReporter,
  validateEvaluationResult,
} from '@agentloop/plugin-sdk';
import type { Embeddings } from '@langchain/core/embeddings';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { EvaluatorFailureKind, EvaluatorRun, EvaluatorRunUsage, RecordedScore } from './evaluator-run.js';
import { pluginLogger } from './plugin-logger.js';

/** A judge model and how to price its tokens (the model service's prices). */
export type JudgeModel = {
  model: BaseChatModel;
  /** Dollars for a call's tokens, null when unknown. */
  cost?: (usage: { inputTokens: number; outputTokens: number }) => number | null;
};

export type RunEvaluatorDeps = {
  /** Required when the plugin declares `needs.judge`. */
  judge?: JudgeModel;
  /** Required when the plugin declares `needs.embeddings`. */
  embeddings?: Embeddings;
  /** Stop waiting (and abort the plugin's signal) after this long. */
  timeoutMs: number;
  logger: Logger;
  /** Cancels the evaluation from outside (a paused or cancelled task). */
  signal?: AbortSignal;
  /** Also receives every usage report as it happens (a task's running cost cap). */
  usage?: UsageReporter;
};

// Sentinels, so no value a plugin returns can be mistaken for the host giving up.
const TIMED_OUT = Symbol('timed out');
const ABORTED = Symbol('aborted');

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Adds reports up; cost becomes unknown as soon as one call cannot be priced. */
const usageMeter = (judge: JudgeModel | undefined, forward: UsageReporter | undefined) => {
  const totals: EvaluatorRunUsage = { calls: 0, inputTokens: 0, outputTokens: 0, cost: 0 };
  const reporter: UsageReporter = {
    report(report: UsageReport) {
      totals.calls += 1;
      totals.inputTokens += Math.max(0, report.inputTokens || 0);
      totals.outputTokens += Math.max(0, report.outputTokens || 0);
      const cost = report.costUsd ?? judge?.cost?.(report) ?? null;
      totals.cost = totals.cost === null || cost === null ? null : totals.cost + cost;
      try {
        forward?.report(report);
      } catch {
        // A reporting sink's bug must not fail the evaluation.
      }
    },
  };
  return { reporter, totals: () => ({ ...totals, cost: totals.calls === 0 ? 0 : totals.cost }) };
};

const recorded = (score: ScoreResult, judge: JudgeModel | undefined): RecordedScore => {
  const call = score.judge;
  return {
    name: score.name,
    value: score.value ?? null,
    label: score.label ?? null,
    reasoning: score.reasoning ?? null,
    metadata: score.metadata ?? {},
    source: call ? 'LLM' : 'CODE',
    judgeModel: call?.model ?? null,
    judgePromptName: call?.promptName ?? null,
    judgePromptVersion: call?.promptVersion ?? null,
    inputTokens: call?.inputTokens ?? null,
    outputTokens: call?.outputTokens ?? null,
    cost: call ? (call.costUsd ?? judge?.cost?.(call) ?? null) : null,
    latencyMs: call?.latencyMs ?? null,
  };
};

/**
 * Runs one evaluator on one sample, contained: the config is parsed by the plugin's schema,
 * required inputs and models are checked before it runs, `evaluate` gets an abort signal that
 * fires on `timeoutMs` or `deps.signal`, a throw, hang or invalid result (checked with the SDK's
 * validateEvaluationResult) becomes a failure. Returns scores mapped onto Score columns, or a
 * failure with its kind and reason — it never throws for anything the plugin does.
 */
export const runEvaluator = async <Config>(
  plugin: EvaluatorPlugin<Config>,
  rawConfig: unknown,
  sample: EvaluationSample,
  deps: RunEvaluatorDeps,
): Promise<EvaluatorRun> => {
  const started = performance.now();
  const meter = usageMeter(deps.judge, deps.usage);
  const fail = (kind: EvaluatorFailureKind, reason: string, retryable = false): EvaluatorRun => ({
    status: 'failed',
    kind,
    reason,
    retryable,
    usage: meter.totals(),
    durationMs: performance.now() - started,
  });

  let config: Config;
  try {
    const parsed = plugin.configSchema.safeParse(rawConfig ?? {});
    if (!parsed.success) return fail('INVALID_CONFIG', `invalid config: ${z.prettifyError(parsed.error)}`);
    config = parsed.data;
  } catch (error) {
    return fail('INVALID_CONFIG', `the config schema threw: ${messageOf(error)}`);
  }
  const missing = missingInputs(plugin, sample);
  if (missing.length > 0) return fail('MISSING_INPUTS', `the sample lacks required input(s): ${missing.join(', ')}`);
  if (plugin.needs?.judge && !deps.judge) {
    return fail('MISSING_MODEL', `plugin "${plugin.name}" needs a judge model: configure the evaluator's judge model service`);
  }
  if (plugin.needs?.embeddings && !deps.embeddings) {
    return fail('MISSING_MODEL', `plugin "${plugin.name}" needs embeddings: configure the evaluator's embeddings model service`);
  }
  if (deps.signal?.aborted) return fail('ABORTED', 'cancelled before it started');

  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  // Resolves (never rejects) with why the host stopped waiting.
  const stopped = new Promise<typeof TIMED_OUT | typeof ABORTED>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`timed out after ${deps.timeoutMs} ms`));
      resolve(TIMED_OUT);
    }, deps.timeoutMs);
    onAbort = () => {
      controller.abort(new Error('cancelled'));
      resolve(ABORTED);
    };
    deps.signal?.addEventListener('abort', onAbort, { once: true });
  });
  const logger = deps.logger.child({ plugin: plugin.name, target: sample.target });
  let raw: unknown;
  try {
    const evaluation = Promise.resolve().then(() =>
      plugin.evaluate({
        sample,
        config,
        judge: deps.judge?.model,
        embeddings: deps.embeddings,
        signal: controller.signal,
        logger: pluginLogger(logger),
        usage: meter.reporter,
      }),
    );
    // A result arriving after the host stopped waiting is discarded; keep it from being unhandled.
    evaluation.catch(() => {});
    raw = await Promise.race([evaluation, stopped]);
  } catch (error) {
    logger.warn({ err: error }, 'evaluate threw');
    // A judge's 429 or timeout escaping the plugin is worth another attempt later; a bug is not.
    return fail('THREW', `evaluate threw: ${messageOf(error)}`, isRetryableError(error));
  } finally {
    clearTimeout(timer);
    if (onAbort) deps.signal?.removeEventListener('abort', onAbort);
  }
  if (raw === TIMED_OUT) return fail('TIMEOUT', `evaluate did not finish within ${deps.timeoutMs} ms`, true);
  if (raw === ABORTED) return fail('ABORTED', 'cancelled while evaluating');

  let validation: ReturnType<typeof validateEvaluationResult>;
  try {
    validation = validateEvaluationResult(plugin, raw, { config });
  } catch (error) {
    // Only a plugin's own scores(config) can make validation throw.
    validation = { ok: false, reason: messageOf(error) };
  }
  if (!validation.ok) {
    logger.warn({ reason: validation.reason }, 'invalid evaluation result');
    return fail('INVALID_RESULT', `invalid result: ${validation.reason}`);
  }
  const result = validation.result;
  if (result.status === 'failed') return fail('PLUGIN_FAILED', result.reason, result.retryable ?? false);
  return {
    status: 'scored',
    scores: result.scores.map((score) => recorded(score, deps.judge)),
    usage: meter.totals(),
    durationMs: performance.now() - started,
  };
};
