import { defineEvaluator, failed, PLUGIN_API_VERSION, scored, z } from '@agentloop/plugin-sdk';
import { fieldSchema, missingFieldReason, readField } from './field.js';
import { allowCodeFenceOption, jsonType, parseJsonValue } from './json-text.js';
import { PACKAGE_VERSION } from './version.js';

const NAME = 'json-validity';

/** Configuration of `json-validity`. */
export const jsonValidityConfigSchema = z.strictObject({
  field: fieldSchema,
  expect: z
    .enum(['any', 'object', 'array'])
    .default('any')
    .describe("Which JSON value counts: 'any', or only an 'object' or an 'array' at the top level."),
  allowCodeFence: allowCodeFenceOption,
});

/** Scores 1 when the checked field is valid JSON (of the expected top-level type), else 0. */
export const jsonValidity = () =>
  defineEvaluator({
    name: NAME,
    version: PACKAGE_VERSION,
    apiVersion: PLUGIN_API_VERSION,
    description:
      'Scores 1 when the output (or another field) is valid JSON — optionally required to be an object or an array — else 0. Output already recorded as structured data counts as valid.',
    configSchema: jsonValidityConfigSchema,
    inputs: { required: [], optional: ['output', 'input', 'expectedOutput', 'metadata'] },
    scores: [
      {
        name: NAME,
        kind: 'numeric',
        range: { min: 0, max: 1 },
        higherIsBetter: true,
        description: '1 when the field is valid JSON of the expected type, 0 when it is not.',
      },
    ],
    async evaluate({ sample, config }) {
      const actual = readField(sample, config.field);
      if (actual === undefined) return failed(missingFieldReason(NAME, config.field));
      const parsed = parseJsonValue(actual, config.allowCodeFence);
      if (!parsed.ok) {
        return scored({
          name: NAME,
          value: 0,
          reasoning: `${config.field} is not valid JSON: ${parsed.error}`,
          metadata: { error: parsed.error },
        });
      }
      const type = jsonType(parsed.value);
      const where =
        parsed.from === 'structured'
          ? ' (recorded as structured data)'
          : parsed.from === 'code-fence'
            ? ' (in a code fence)'
            : '';
      if (config.expect !== 'any' && type !== config.expect) {
        return scored({
          name: NAME,
          value: 0,
          reasoning: `${config.field} is valid JSON${where} but ${article(type)} ${type}, not ${article(config.expect)} ${config.expect}`,
          metadata: { type },
        });
      }
      return scored({
        name: NAME,
        value: 1,
        reasoning: `${config.field} is valid JSON${where}: ${article(type)} ${type}`,
        metadata: { type },
      });
    },
  });

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
