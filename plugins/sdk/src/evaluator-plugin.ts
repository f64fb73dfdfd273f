import type { EvaluationContext } from './evaluation-context.js';
import type { EvaluationInput } from './evaluation-input.js';
import type { EvaluationResult } from './evaluation-result.js';
import type { PluginBase } from './plugin-base.js';
import type { ScoreDefinition } from './score-definition.js';

/** Which parts of a sample an evaluator reads. */
export interface EvaluatorInputs {
  /** Parts without which the evaluator cannot run; the host skips (and explains) samples lacking one. */
  required: EvaluationInput[];
  /** Parts the evaluator uses when present. */
  optional?: EvaluationInput[];
}

/**
 * The score definitions of a plugin: a fixed list, or — when the scores depend on configuration,
 * like a custom judge whose user chooses the labels — a function of the parsed config.
 */
export type ScoreDefinitions<Config = unknown> = readonly ScoreDefinition[] | ((config: Config) => readonly ScoreDefinition[]);

/**
 * An evaluator: turns one sample (a trace, a span, a dataset record, an experiment output) into
 * scores. Make one with `defineEvaluator`.
 *
 * @typeParam Config - the parsed configuration (the output type of `configSchema`).
 */
export interface EvaluatorPlugin<Config = unknown> extends PluginBase<Config> {
  /** Always `evaluator`. */
  readonly kind: 'evaluator';
  /** The parts of a sample the evaluator reads. */
  readonly inputs: EvaluatorInputs;
  /**
   * The scores the evaluator produces. A result may contain a subset of them, never an undeclared
   * one. A function is called with the parsed config (see `resolveScoreDefinitions`).
   */
  readonly scores: ScoreDefinitions<Config>;
  /**
   * Evaluates one sample. Return `scored(...)` or `failed(reason)`; a throw, a timeout or a
   * result that does not match `scores` is recorded by the host as a failure.
   */
  evaluate(ctx: EvaluationContext<Config>): Promise<EvaluationResult>;
}
