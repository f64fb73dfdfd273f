import { defineEvaluator, failed, PLUGIN_API_VERSION, scored, toText, z } from '@agentloop/plugin-sdk';
import { execBounded } from './bounded-regex.js';
import { fieldSchema, missingFieldReason, readField } from './field.js';
import { quote } from './quote.js';
import { PACKAGE_VERSION } from './version.js';

const NAME = 'regex';

/** How long one match may run before it is abandoned as catastrophic backtracking. */
export const REGEX_TIMEOUT_MS = 250;

/** Configuration of `regex`. */
export const regexConfigSchema = z
  .strictObject({
    field: fieldSchema,
    pattern: z
      .string()
      .min(1, 'pattern must not be empty')
      .describe('A JavaScript regular expression, without the surrounding slashes (e.g. "order #\\\\d{6}").'),
    flags: z
      .string()
      .regex(
        /^[dimsuv]*$/,
        'flags may contain only d, i, m, s, u and v (g and y are not needed: a match anywhere in the text counts)',
      )
      .default('')
      .describe('Regular expression flags, e.g. "i" for case-insensitive.'),
    expect: z
      .enum(['match', 'no-match'])
      .default('match')
      .describe("'match': score 1 when the pattern matches; 'no-match': score 1 when it does not (e.g. forbidden content)."),
    maxInputLength: z
      .number()
      .int()
      .positive()
      .max(10_000_000)
      .default(100_000)
      .describe('Longer texts are not checked (the evaluation fails), which bounds the time a bad pattern can take.'),
  })
  .superRefine((config, ctx) => {
    try {
      new RegExp(config.pattern, config.flags);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const path = /invalid flags/i.test(message) ? 'flags' : 'pattern';
      ctx.addIssue({ code: 'custom', path: [path], message: `invalid regular expression: ${message}` });
    }
  });

/** Scores 1 when a regular expression matches the checked field (or does not, with `expect: 'no-match'`), else 0. */
export const regex = () =>
  defineEvaluator({
    name: NAME,
    version: PACKAGE_VERSION,
    apiVersion: PLUGIN_API_VERSION,
    description:
      "Scores 1 when a regular expression matches the output (or another field) — or, with expect 'no-match', when it does not — else 0.",
    configSchema: regexConfigSchema,
    inputs: { required: [], optional: ['output', 'input', 'expectedOutput', 'metadata'] },
    scores: [
      {
        name: NAME,
        kind: 'numeric',
        range: { min: 0, max: 1 },
        higherIsBetter: true,
        description: "1 when the pattern matches (or does not, with expect 'no-match'), 0 otherwise.",
      },
    ],
    async evaluate({ sample, config }) {
      const actual = readField(sample, config.field);
      if (actual === undefined) return failed(missingFieldReason(NAME, config.field));
      const text = toText(actual);
      if (text.length > config.maxInputLength) {
        return failed(
          `${config.field} is ${text.length} characters long, over maxInputLength ${config.maxInputLength}; raise maxInputLength to check longer texts`,
        );
      }
      const pattern = new RegExp(config.pattern, config.flags);
      const shown = `/${config.pattern}/${config.flags}`;
      const outcome = execBounded(pattern, text, REGEX_TIMEOUT_MS);
      if (!outcome.ok) {
        return failed(
          `${shown} ran for over ${REGEX_TIMEOUT_MS} ms on this ${config.field} (catastrophic backtracking?); simplify the pattern`,
        );
      }
      const { match } = outcome;
      const pass = config.expect === 'match' ? match !== null : match === null;
      const reasoning = match
        ? `${config.field} matches ${shown} at index ${match.index}: ${quote(match[0])}${config.expect === 'no-match' ? ', which it must not' : ''}`
        : `${config.field} does not match ${shown}`;
      return scored({
        name: NAME,
        value: pass ? 1 : 0,
        reasoning,
        metadata: match
          ? { expect: config.expect, match: match[0].slice(0, 1000), index: match.index }
          : { expect: config.expect },
      });
    },
  });
