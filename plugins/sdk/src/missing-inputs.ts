import type { EvaluationInput } from './evaluation-input.js';
import type { EvaluationSample } from './evaluation-sample.js';
import type { EvaluatorPlugin } from './evaluator-plugin.js';

/**
 * The required inputs a sample lacks for an evaluator (absent, `null`, or an empty list). The host
 * does not call `evaluate` when this is non-empty and records why; `runEvaluator` does the same.
 */
export function missingInputs(plugin: Pick<EvaluatorPlugin, 'inputs'>, sample: EvaluationSample): EvaluationInput[] {
  return plugin.inputs.required.filter((input) => {
    const value = sample[input];
    return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
  });
}
