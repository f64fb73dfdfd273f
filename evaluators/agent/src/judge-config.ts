import { z } from '@agentloop/plugin-sdk';

/** Configuration every judge-based evaluator in this package accepts. */
export const judgeConfigFields = {
  maxChars: z
    .number()
    .int()
    .min(200)
    .max(200_000)
    .default(8000)
    .describe('The most characters of each text (input, output, …) shown to the judge; longer texts keep their start and end.'),
  maxAttempts: z
    .number()
    .int()
    .min(1)
    .max(5)
    .default(3)
    .describe('How many times the judge is asked when its reply is not valid JSON of the expected shape.'),
};

/** Shown to the judge in place of an input the sample does not have. */
export const NOT_RECORDED = '(not recorded)';
