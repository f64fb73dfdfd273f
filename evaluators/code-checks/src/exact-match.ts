import { defineEvaluator, PLUGIN_API_VERSION, scored, z } from '@agentloop/plugin-sdk';
import { comparedTexts, comparisonConfigFields } from './compared-texts.js';
import { quote } from './quote.js';
import { PACKAGE_VERSION } from './version.js';

const NAME = 'exact-match';

/** Configuration of `exact-match`. */
export const exactMatchConfigSchema = z.strictObject(
  comparisonConfigFields("The text the field must equal; by default the sample's expectedOutput."),
);

/** Scores 1 when the checked field (the output by default) equals the expected output or a configured value, else 0. */
export const exactMatch = () =>
  defineEvaluator({
    name: NAME,
    version: PACKAGE_VERSION,
    apiVersion: PLUGIN_API_VERSION,
    description:
      "Scores 1 when the output (or another field) equals the sample's expected output or a configured value, else 0. Case, surrounding whitespace and whitespace runs can be ignored.",
    configSchema: exactMatchConfigSchema,
    inputs: { required: [], optional: ['output', 'expectedOutput', 'input', 'metadata'] },
    scores: [
      {
        name: NAME,
        kind: 'numeric',
        range: { min: 0, max: 1 },
        higherIsBetter: true,
        description: '1 when the field equals the reference text, 0 when it does not.',
      },
    ],
    async evaluate({ sample, config }) {
      const texts = comparedTexts(NAME, sample, config);
      if (!texts.ok) return texts.result;
      const { left, right, source } = texts;
      const equal = left === right;
      return scored({
        name: NAME,
        value: equal ? 1 : 0,
        reasoning: equal
          ? `${config.field} equals ${source} ${quote(right)}`
          : `${config.field} ${quote(left)} does not equal ${source} ${quote(right)}${firstDifference(left, right)}`,
      });
    },
  });

/** Where two different texts first diverge, so a near miss is easy to see. */
function firstDifference(left: string, right: string): string {
  const a = Array.from(left);
  const b = Array.from(right);
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index++;
  if (index === 0) return '';
  return ` (they differ from character ${index + 1})`;
}
