import type { EvaluationSample } from '@agentloop/plugin-sdk';
import { z } from 'zod';

const json = z.unknown();

/** A sample typed in by a user (dry runs): the SDK's sample shape, validated so errors name the field. */
export const inlineSampleSchema = z.strictObject({
  input: json.optional(),
  output: json.optional(),
  expectedOutput: json.optional(),
  context: z
    .array(
      z.union([
        z.string().transform((content) => ({ content })),
        z.strictObject({
          content: z.string(),
          id: z.string().optional(),
          score: z.number().optional(),
          metadata: z.record(z.string(), json).optional(),
        }),
      ]),
    )
    .optional(),
  tools: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        description: z.string().optional(),
        parameters: z.record(z.string(), json).optional(),
      }),
    )
    .optional(),
  toolCalls: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        arguments: json.default({}),
        result: json.optional(),
        status: z.enum(['ok', 'error', 'unset']).default('unset'),
        error: z.string().optional(),
        spanId: z.string().optional(),
      }),
    )
    .optional(),
  trajectory: z
    .array(
      z.strictObject({
        spanId: z.string(),
        parentSpanId: z.string().optional(),
        name: z.string(),
        kind: z.string(),
        status: z.string().default('unset'),
        startTime: z.string(),
        durationMs: z.number().nonnegative(),
        input: json.optional(),
        output: json.optional(),
        toolName: z.string().optional(),
        model: z.string().optional(),
      }),
    )
    .optional(),
  metadata: z.record(z.string(), json).optional(),
});

export type InlineSample = z.output<typeof inlineSampleSchema>;

/** The inline sample as an EvaluationSample (absent parts left out, so required-input checks see them missing). */
export const inlineSample = (value: InlineSample): EvaluationSample => ({
  target: { type: 'trace', id: 'dry-run' },
  ...(Object.fromEntries(Object.entries(value).filter(([, part]) => part !== undefined && part !== null)) as Omit<
    EvaluationSample,
    'target'
  >),
});
