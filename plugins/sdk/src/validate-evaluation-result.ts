import { z } from 'zod';
import type { EvaluationResult } from './evaluation-result.js';
import type { EvaluatorPlugin } from './evaluator-plugin.js';
import { PluginDefinitionError } from './plugin-definition-error.js';
import { resolveScoreDefinitions } from './resolve-score-definitions.js';

/** The outcome of `validateEvaluationResult`. */
export type EvaluationResultValidation = { ok: true; result: EvaluationResult } | { ok: false; reason: string };

const judgeCallRecord = z.object({
  model: z.string(),
  promptName: z.string(),
  promptVersion: z.string(),
  inputTokens: z.number().nonnegative(),
  outputTokens: z.number().nonnegative(),
  costUsd: z.number().nonnegative().optional(),
  latencyMs: z.number().nonnegative(),
  attempts: z.number().int().nonnegative(),
});

const scoreResult = z.object({
  name: z.string(),
  // z.number() rejects NaN and ±Infinity in zod 4, which is exactly what a score must not be.
  value: z.number().optional(),
  label: z.string().optional(),
  reasoning: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  judge: judgeCallRecord.optional(),
});

const resultShape = z.discriminatedUnion('status', [
  z.object({ status: z.literal('scored'), scores: z.array(scoreResult).min(1, 'a scored result needs at least one score') }),
  z.object({
    status: z.literal('failed'),
    reason: z.string().trim().min(1, 'a failed result needs a reason'),
    retryable: z.boolean().optional(),
  }),
]);

/**
 * Checks what a plugin's `evaluate` returned: the result's shape, and every score against the
 * plugin's declarations (declared name, at most once, numeric value finite and inside the range,
 * label one of the declared labels). The host runs it on every result so a buggy plugin records a
 * failure instead of a bad score; `runEvaluator` runs it in plugin tests.
 *
 * @param options.config - the parsed config; needed when the plugin's `scores` is a function of it.
 * @returns the result (with unknown fields stripped) or the reason it is invalid. Never throws.
 */
export function validateEvaluationResult<Config>(
  plugin: EvaluatorPlugin<Config>,
  result: unknown,
  options: { config?: Config } = {},
): EvaluationResultValidation {
  const parsed = resultShape.safeParse(result);
  if (!parsed.success) return { ok: false, reason: `invalid result shape: ${z.prettifyError(parsed.error)}` };
  const value = parsed.data as EvaluationResult;
  if (value.status === 'failed') return { ok: true, result: value };

  let definitions: ReturnType<typeof resolveScoreDefinitions>;
  try {
    if (typeof plugin.scores === 'function' && !('config' in options)) {
      return { ok: false, reason: `plugin "${plugin.name}" declares its scores from its config; pass the config to validate` };
    }
    definitions = resolveScoreDefinitions(plugin, options.config as Config);
  } catch (error) {
    if (error instanceof PluginDefinitionError) return { ok: false, reason: error.message };
    throw error;
  }

  const seen = new Set<string>();
  for (const score of value.scores) {
    const definition = definitions.find((candidate) => candidate.name === score.name);
    if (!definition) {
      const declared = definitions.map((candidate) => candidate.name).join(', ');
      return { ok: false, reason: `score "${score.name}" is not declared by plugin "${plugin.name}" (declared: ${declared})` };
    }
    if (seen.has(score.name)) return { ok: false, reason: `score "${score.name}" appears more than once` };
    seen.add(score.name);
    if (definition.kind === 'numeric') {
      if (score.value === undefined) return { ok: false, reason: `numeric score "${score.name}" has no value` };
      const { min, max } = definition.range;
      if (score.value < min || score.value > max) {
        return { ok: false, reason: `score "${score.name}" value ${score.value} is outside its range [${min}, ${max}]` };
      }
      if (score.label !== undefined) return { ok: false, reason: `numeric score "${score.name}" must not have a label` };
    } else {
      if (score.label === undefined) return { ok: false, reason: `label score "${score.name}" has no label` };
      if (!definition.labels.includes(score.label)) {
        return {
          ok: false,
          reason: `score "${score.name}" label "${score.label}" is not one of its labels (${definition.labels.join(', ')})`,
        };
      }
    }
  }
  return { ok: true, result: value };
}
