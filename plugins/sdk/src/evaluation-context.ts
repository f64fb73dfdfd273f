import type { Embeddings } from '@langchain/core/embeddings';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { EvaluationSample } from './evaluation-sample.js';
import type { PluginLogger } from './plugin-logger.js';
import type { UsageReporter } from './usage-reporter.js';

/**
 * Everything `evaluate` gets. Side effects come in through it: plugins never build their own
 * model clients or read environment variables, so the host controls keys, prices, timeouts and
 * retries, and tests can hand in deterministic stand-ins.
 *
 * @typeParam Config - the parsed configuration (the output type of the plugin's `configSchema`).
 */
export interface EvaluationContext<Config = unknown> {
  /** What to evaluate. Has every part the plugin declared in `inputs.required`. */
  sample: EvaluationSample;
  /** The configuration, already parsed (defaults applied) by the plugin's `configSchema`. */
  config: Config;
  /**
   * The judge: a LangChain chat model from the evaluator's configured model service. Present
   * whenever the plugin declares `needs.judge`. Call it through `runJudge`, which records usage.
   * The host's client already retries 429s and transient errors with backoff.
   */
  judge?: BaseChatModel;
  /** A LangChain embeddings model. Present whenever the plugin declares `needs.embeddings`. */
  embeddings?: Embeddings;
  /**
   * Aborted when the evaluation times out or its task is paused or cancelled. Pass it to every
   * model call and stop promptly when it fires; whatever you return afterwards is discarded.
   */
  signal: AbortSignal;
  /** Structured logging, tagged with the plugin and target. */
  logger: PluginLogger;
  /** Report model usage here (runJudge does it for you) so the task's cost cap holds. */
  usage: UsageReporter;
}
