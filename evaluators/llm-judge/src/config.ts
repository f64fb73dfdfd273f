import { judgeConfigFields, templateVariables, z } from '@agentloop/plugin-sdk';
import { rootOf, TEMPLATE_ROOTS } from './template-variables.js';

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const numericOutput = z.object({
  kind: z.literal('numeric'),
  min: z.number().default(0),
  max: z.number().default(1),
  integer: z.boolean().default(false).describe('Whole numbers only (a 1–5 Likert scale, say).'),
  higherIsBetter: z.boolean().default(true),
});

const weightedLabel = z.object({
  label: z.string().trim().min(1, 'must not be empty').max(100),
  weight: z.number({ error: 'is required: the number the label counts as in aggregates' }),
  description: z.string().max(2000).optional().describe('When the judge should choose this label.'),
});

const labelOutput = z.object({
  kind: z.literal('label'),
  labels: z.array(weightedLabel).min(2, 'give at least two labels').max(20, 'give at most 20 labels'),
});

const checkTemplate = (text: string, path: string, ctx: z.RefinementCtx) => {
  for (const variable of templateVariables(text)) {
    if (rootOf(variable) === null) {
      ctx.addIssue({
        code: 'custom',
        path: [path],
        message: `unknown template variable {{${variable}}}; use ${TEMPLATE_ROOTS.map((root) => `{{${root}}}`).join(', ')} or {{metadata.<key>}}`,
      });
    }
  }
};

/** The user's judge: prompt template, rubric, and the shape of the verdict. */
export const llmJudgeConfigSchema = z
  .object({
    scoreName: z
      .string()
      .regex(KEBAB_CASE, 'must be kebab-case, e.g. "politeness"')
      .default('llm-judge')
      .describe('The name the score is recorded under.'),
    prompt: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(20_000)
      .describe(
        'The material shown to the judge, with {{input}}, {{output}}, {{expectedOutput}}, {{context}}, {{metadata.<key>}}, …',
      ),
    rubric: z.string().trim().min(1, 'must not be empty').max(20_000).describe('What to judge and how each level looks.'),
    output: z
      .discriminatedUnion('kind', [numericOutput, labelOutput], { error: 'kind must be "numeric" or "label"' })
      .default({ kind: 'numeric', min: 0, max: 1, integer: false, higherIsBetter: true }),
    // The same bounds as every other judge; only the wording fits templates.
    maxChars: judgeConfigFields.maxChars.describe(
      'The most characters of each inserted value; longer ones keep their start and end.',
    ),
    maxAttempts: judgeConfigFields.maxAttempts.describe('How often the judge is asked when its reply is malformed.'),
  })
  .superRefine((config, ctx) => {
    checkTemplate(config.prompt, 'prompt', ctx);
    checkTemplate(config.rubric, 'rubric', ctx);
    if (config.output.kind === 'numeric' && !(config.output.min < config.output.max)) {
      ctx.addIssue({ code: 'custom', path: ['output', 'max'], message: 'must be greater than output.min' });
    }
    if (config.output.kind === 'label') {
      const seen = new Set<string>();
      config.output.labels.forEach((entry, index) => {
        if (seen.has(entry.label)) {
          ctx.addIssue({
            code: 'custom',
            path: ['output', 'labels', index, 'label'],
            message: `"${entry.label}" is listed twice`,
          });
        }
        seen.add(entry.label);
      });
    }
  });

export type LlmJudgeConfig = z.output<typeof llmJudgeConfigSchema>;
