import { defineEvaluator, type EvaluationSample, failed, PLUGIN_API_VERSION, scored, toText, z } from '@agentloop/plugin-sdk';
import { fieldSchema, missingFieldReason, readField } from './field.js';
import { quoteList } from './quote.js';
import { caseSensitiveOption, normalizeText, normalizeWhitespaceOption } from './text-options.js';
import { PACKAGE_VERSION } from './version.js';

const NAME = 'contains';

/** Configuration of `contains`. */
export const containsConfigSchema = z.strictObject({
  field: fieldSchema,
  values: z
    .array(z.string().min(1, 'a substring must not be empty'))
    .min(1, 'list at least one substring')
    .optional()
    .describe(
      "The substrings to look for. By default the sample's expectedOutput: one substring, or one per item when it is a list.",
    ),
  mode: z
    .enum(['any', 'all', 'none'])
    .default('any')
    .describe("'any': at least one substring occurs; 'all': every one occurs; 'none': none occurs (e.g. banned phrases)."),
  caseSensitive: caseSensitiveOption,
  normalizeWhitespace: normalizeWhitespaceOption,
});

/** Scores 1 when the checked field contains any / all / none of a list of substrings, else 0. */
export const contains = () =>
  defineEvaluator({
    name: NAME,
    version: PACKAGE_VERSION,
    apiVersion: PLUGIN_API_VERSION,
    description:
      "Scores 1 when the output (or another field) contains any, all or none (by config) of a list of substrings, or the sample's expected output, else 0.",
    configSchema: containsConfigSchema,
    inputs: { required: [], optional: ['output', 'expectedOutput', 'input', 'metadata'] },
    scores: [
      {
        name: NAME,
        kind: 'numeric',
        range: { min: 0, max: 1 },
        higherIsBetter: true,
        description: '1 when the substring condition holds (any, all or none, by config), 0 when it does not.',
      },
    ],
    async evaluate({ sample, config }) {
      const actual = readField(sample, config.field);
      if (actual === undefined) return failed(missingFieldReason(NAME, config.field));
      const needles = config.values ?? expectedSubstrings(sample);
      if (!needles) {
        return failed(
          `${NAME} needs expectedOutput on the sample to look for (or \`values\` in its config), and this sample has none`,
        );
      }
      if (needles.length === 0) return failed(`${NAME}: the sample's expectedOutput gives no non-empty substring to look for`);

      const haystack = normalizeText(toText(actual), config);
      const matched: string[] = [];
      const missing: string[] = [];
      for (const needle of needles) (haystack.includes(normalizeText(needle, config)) ? matched : missing).push(needle);

      const field = config.field;
      const metadata = { mode: config.mode, matched, missing };
      const absent = (texts: string[]) =>
        texts.length === 1 ? `${field} does not contain ${quoteList(texts)}` : `${field} contains none of ${quoteList(texts)}`;
      let pass: boolean;
      let reasoning: string;
      if (config.mode === 'any') {
        pass = matched.length > 0;
        reasoning = pass ? `${field} contains ${quoteList(matched)}` : absent(needles);
      } else if (config.mode === 'all') {
        pass = missing.length === 0;
        reasoning = pass
          ? `${field} contains ${needles.length === 1 ? '' : 'all of '}${quoteList(matched)}`
          : `${field} does not contain ${quoteList(missing)} (found ${matched.length} of ${needles.length})`;
      } else {
        pass = matched.length === 0;
        reasoning = pass ? absent(needles) : `${field} contains ${quoteList(matched)}, which it must not`;
      }
      return scored({ name: NAME, value: pass ? 1 : 0, reasoning, metadata });
    },
  });

/** The expected output as substrings: one per item of a list, else its text. */
function expectedSubstrings(sample: EvaluationSample): string[] | undefined {
  const expected = sample.expectedOutput;
  if (expected === undefined || expected === null) return undefined;
  const items = Array.isArray(expected) ? expected.map((item) => toText(item)) : [toText(expected)];
  return items.filter((item) => item.length > 0);
}
