import type { EvaluationSample } from '@agentloop/plugin-sdk';
import { z } from 'zod';
import { contextSchema, toolCallsSchema, toolDefinitionsSchema, trajectorySchema } from '../samples/sample-part-schemas.js';

const json = z.unknown();

/** A sample typed in by a user (dry runs): the SDK's sample shape, validated so errors name the field. */
export const inlineSampleSchema = z.strictObject({
  input: json.optional(),
  output: json.optional(),
  expectedOutput: json.optional(),
  context: contextSchema.optional(),
  tools: toolDefinitionsSchema.optional(),
  toolCalls: toolCallsSchema.optional(),
  trajectory: trajectorySchema.optional(),
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
