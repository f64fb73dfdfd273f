import type { z } from 'zod';
import type { EvaluationContext } from '../evaluation-context.js';
import { type EvaluationResult, failed, scored } from '../evaluation-result.js';
import type { EvaluationSample } from '../evaluation-sample.js';
import type { ScoreResult } from '../score-result.js';
import { toText } from '../utils/to-text.js';
import { clipAll } from './clip.js';
import { type JudgeConfig, NOT_RECORDED } from './judge-config.js';
import type { JudgePrompt } from './judge-prompt.js';
import { runJudge } from './run-judge.js';

/** A score as `score` returns it: the judge call record is attached by {@link judgedEvaluation}. */
export type JudgedScore = Omit<ScoreResult, 'judge'>;

/** What {@link judgedEvaluation} needs to know about one judged evaluator. */
export interface JudgedEvaluationSpec<Config extends JudgeConfig, Verdict> {
  /** The evaluator's name, used in failure reasons ("toxicity judge: …"). */
  name: string;
  /** The versioned judge prompt. */
  prompt: JudgePrompt;
  /** The verdict's zod schema, or a function of the config when the allowed answers depend on it. */
  schema: z.ZodType<Verdict> | ((config: Config) => z.ZodType<Verdict>);
  /**
   * The texts the judge reads, each clipped to `config.maxChars`; the keys are prompt variables.
   * Defaults to {@link inputAndOutput}.
   */
  texts?: (sample: EvaluationSample, config: Config) => Record<string, string>;
  /** Further prompt variables, passed unclipped (instructions chosen by the config, a rubric, …). */
  variables?: (config: Config, sample: EvaluationSample) => Record<string, unknown>;
  /**
   * Turns the validated verdict into one or more scores. `clipped` names the texts the judge saw
   * only part of; keep it in the score's metadata so a reader knows.
   */
  score: (verdict: Verdict, info: { config: Config; sample: EvaluationSample; clipped: string[] }) => JudgedScore | JudgedScore[];
}

/**
 * The sample's input and output as judge texts: `{ input, output }`, with {@link NOT_RECORDED}
 * for an input the sample does not have.
 */
export function inputAndOutput(sample: EvaluationSample): Record<'input' | 'output', string> {
  return { input: sample.input === undefined ? NOT_RECORDED : toText(sample.input), output: toText(sample.output) };
}

/**
 * Builds the `evaluate` of an evaluator whose whole job is one judge call: it refuses to run
 * without a judge, clips the texts to `config.maxChars`, asks the judge with `runJudge` (up to
 * `config.maxAttempts` replies), turns a judge failure into `failed(…, { retryable })` and
 * attaches the call record to every score. Use it with {@link judgeConfigFields} in the config
 * schema and `needs: { judge: true }`.
 *
 * @example
 * const configSchema = z.object({ ...judgeConfigFields });
 * export const politeness = () => defineEvaluator({
 *   name: 'politeness', version: '1.0.0', apiVersion: PLUGIN_API_VERSION, configSchema,
 *   inputs: { required: ['output'], optional: ['input'] }, needs: { judge: true },
 *   scores: [{ name: 'politeness', kind: 'numeric', range: { min: 0, max: 1 } }],
 *   evaluate: judgedEvaluation({
 *     name: 'politeness', prompt, schema: z.object({ reasoning: z.string(), score: z.number().min(0).max(1) }),
 *     score: (verdict, { clipped }) => ({ name: 'politeness', value: verdict.score, reasoning: verdict.reasoning, metadata: { clipped } }),
 *   }),
 * });
 */
export function judgedEvaluation<Config extends JudgeConfig, Verdict>(
  spec: JudgedEvaluationSpec<Config, Verdict>,
): (ctx: EvaluationContext<Config>) => Promise<EvaluationResult> {
  return async ({ sample, config, judge, signal, usage }) => {
    if (!judge) return failed(`${spec.name} needs a judge model, and none was configured`);
    const { texts, clipped } = clipAll((spec.texts ?? inputAndOutput)(sample, config), config.maxChars);
    const verdict = await runJudge({
      model: judge,
      prompt: spec.prompt,
      variables: { ...texts, ...spec.variables?.(config, sample) },
      schema: typeof spec.schema === 'function' ? spec.schema(config) : spec.schema,
      maxAttempts: config.maxAttempts,
      signal,
      usage,
    });
    if (!verdict.ok) return failed(`${spec.name} judge: ${verdict.reason}`, { retryable: verdict.retryable });
    const scores = spec.score(verdict.value, { config, sample, clipped });
    return scored(...(Array.isArray(scores) ? scores : [scores]).map((score) => ({ ...score, judge: verdict.record })));
  };
}
