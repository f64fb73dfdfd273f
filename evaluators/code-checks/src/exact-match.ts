import { defineEvaluator, failed, PLUGIN_API_VERSION, scored, toText, z } from '@agentloop/plugin-sdk';
import { fieldSchema, missingFieldReason, readField } from './field.js';
import { quote } from './quote.js';
import { missingReferenceReason, referenceText } from './reference.js';
import { caseSensitiveOption, normalizeText, normalizeWhitespaceOption, trimOption } from './text-options.js';
import { PACKAGE_VERSION } from './version.js';

const NAME = 'exact-match';

/** Configuration of `exact-match`. */
export const exactMatchConfigSchema = z.strictObject({
  field: fieldSchema,
  value: z.string().optional().describe("The text the field must equal; by default the sample's expectedOutput."),
  caseSensitive: caseSensitiveOption,
  trim: trimOption,
  normalizeWhitespace: normalizeWhitespaceOption,
});

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
      const actual = readField(sample, config.field);
      if (actual === undefined) return failed(missingFieldReason(NAME, config.field));
      const reference = referenceText(sample, config.value);
      if (!reference) return failed(missingReferenceReason(NAME));

      const left = normalizeText(toText(actual), config);
      const right = normalizeText(reference.text, config);
      const equal = left === right;
      return scored({
        name: NAME,
        value: equal ? 1 : 0,
        reasoning: equal
          ? `${config.field} equals ${reference.source} ${quote(right)}`
          : `${config.field} ${quote(left)} does not equal ${reference.source} ${quote(right)}${firstDifference(left, right)}`,
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
