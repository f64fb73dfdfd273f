import { defineEvaluator, failed, levenshteinSimilarity, PLUGIN_API_VERSION, scored, z } from '@agentloop/plugin-sdk';
import { comparedTexts, comparisonConfigFields } from './compared-texts.js';
import { PACKAGE_VERSION } from './version.js';

const NAME = 'levenshtein';

/** Configuration of `levenshtein`. */
export const levenshteinConfigSchema = z.strictObject({
  ...comparisonConfigFields("The text to compare with; by default the sample's expectedOutput."),
  maxInputLength: z
    .number()
    .int()
    .positive()
    .max(100_000)
    .default(5_000)
    .describe(
      'Texts longer than this (in characters) are not compared (the evaluation fails): the cost grows with the product of the lengths.',
    ),
});

/** Scores the Levenshtein similarity (0..1) between the checked field and the expected output or a configured value. */
export const levenshtein = () =>
  defineEvaluator({
    name: NAME,
    version: PACKAGE_VERSION,
    apiVersion: PLUGIN_API_VERSION,
    description:
      "Scores how similar the output (or another field) is to the sample's expected output or a configured value: 1 - edit distance / length of the longer text, from 0 (nothing in common) to 1 (identical).",
    configSchema: levenshteinConfigSchema,
    inputs: { required: [], optional: ['output', 'expectedOutput', 'input', 'metadata'] },
    scores: [
      {
        name: NAME,
        kind: 'numeric',
        range: { min: 0, max: 1 },
        higherIsBetter: true,
        description: 'Normalised Levenshtein similarity: 1 - edits / length of the longer text.',
      },
    ],
    async evaluate({ sample, config }) {
      const texts = comparedTexts(NAME, sample, config);
      if (!texts.ok) return texts.result;
      const { left, right, source } = texts;
      const leftLength = Array.from(left).length;
      const rightLength = Array.from(right).length;
      const longest = Math.max(leftLength, rightLength);
      if (longest > config.maxInputLength) {
        const which = leftLength >= rightLength ? config.field : source;
        return failed(
          `${which} is ${longest} characters long, over maxInputLength ${config.maxInputLength}; raise maxInputLength to compare longer texts`,
        );
      }
      const similarity = levenshteinSimilarity(left, right);
      // similarity = 1 - distance / longest, so the (integer) distance is recovered exactly by rounding.
      const distance = Math.round((1 - similarity) * longest);
      return scored({
        name: NAME,
        value: similarity,
        reasoning: `${config.field} is ${formatShare(similarity)} similar to ${source}: ${distance} edit${distance === 1 ? '' : 's'} over ${longest} character${longest === 1 ? '' : 's'}`,
        metadata: { distance, length: longest },
      });
    },
  });

function formatShare(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}
