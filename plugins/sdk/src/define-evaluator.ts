import type { z } from 'zod';
import { definitionName, evaluatorDefinitionSchema, toDefinitionIssues } from './definition-schema.js';
import type { EvaluatorPlugin } from './evaluator-plugin.js';
import { PluginDefinitionError } from './plugin-definition-error.js';

/** What `defineEvaluator` takes: an evaluator whose `kind` may be left out (an existing plugin spread into a new one keeps it). */
export type EvaluatorDefinition<Config> = Omit<EvaluatorPlugin<Config>, 'kind'> & { readonly kind?: 'evaluator' };

/**
 * Checks an evaluator definition and returns it as a frozen plugin object with `kind: 'evaluator'`.
 * Call it inside a factory so users can pass options:
 *
 * @example
 * export const exactMatch = () =>
 *   defineEvaluator({
 *     name: 'exact-match', version: '1.0.0', apiVersion: PLUGIN_API_VERSION,
 *     description: 'Scores 1 when the output equals the expected output.',
 *     configSchema: z.object({ ignoreCase: z.boolean().default(false) }),
 *     inputs: { required: ['output', 'expectedOutput'] },
 *     scores: [{ name: 'exact-match', kind: 'numeric', range: { min: 0, max: 1 }, higherIsBetter: true }],
 *     async evaluate({ sample, config }) { ... },
 *   });
 *
 * @throws PluginDefinitionError naming the offending field (bad name, version, apiVersion,
 *   configSchema, inputs, score definitions, or a missing `evaluate`).
 */
export function defineEvaluator<Schema extends z.ZodType>(
  definition: EvaluatorDefinition<z.output<Schema>> & { configSchema: Schema },
): EvaluatorPlugin<z.output<Schema>> {
  const parsed = evaluatorDefinitionSchema.safeParse(definition);
  if (!parsed.success) throw new PluginDefinitionError(definitionName(definition), toDefinitionIssues(parsed.error));
  // Built from the caller's object, not zod's output, so functions and the config schema keep
  // their identity; arrays are copied so later mutation of the definition cannot change the plugin.
  const { inputs, scores, needs } = definition;
  return Object.freeze({
    ...definition,
    kind: 'evaluator' as const,
    inputs: Object.freeze({
      required: Object.freeze([...inputs.required]) as EvaluatorPlugin['inputs']['required'],
      ...(inputs.optional ? { optional: Object.freeze([...inputs.optional]) as EvaluatorPlugin['inputs']['required'] } : {}),
    }),
    scores: typeof scores === 'function' ? scores : Object.freeze(scores.map((score) => Object.freeze({ ...score }))),
    ...(needs ? { needs: Object.freeze({ ...needs }) } : {}),
  });
}
