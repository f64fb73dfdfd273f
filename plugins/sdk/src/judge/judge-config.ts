import { z } from 'zod';

/**
 * Configuration fields every judge-based evaluator should accept: spread them into the plugin's
 * config schema (`z.object({ ...judgeConfigFields, myOption })`) so users tune every judge the
 * same way. The parsed values feed {@link clipAll} (`maxChars`) and `runJudge` (`maxAttempts`).
 */
export const judgeConfigFields = {
  /** Characters of each text (input, output, …) shown to the judge: 200..200,000, default 8,000. */
  maxChars: z
    .number()
    .int()
    .min(200)
    .max(200_000)
    .default(8000)
    .describe('The most characters of each text (input, output, …) shown to the judge; longer texts keep their start and end.'),
  /** Replies asked for before giving up on malformed output: 1..5, default 3. */
  maxAttempts: z
    .number()
    .int()
    .min(1)
    .max(5)
    .default(3)
    .describe('How many times the judge is asked when its reply is not valid JSON of the expected shape.'),
};

/** The parsed {@link judgeConfigFields}. */
export interface JudgeConfig {
  maxChars: number;
  maxAttempts: number;
}

/**
 * Shown to the judge in place of an input the sample does not have, so a prompt's `{{input}}`
 * never renders as an empty string that the judge could mistake for an empty question.
 */
export const NOT_RECORDED = '(not recorded)';
