import { z } from 'zod';

const json = z.unknown();

/**
 * The SDK's list-shaped sample parts as zod schemas, so every place a user hands one in (a typed-in
 * dry-run sample, a dataset field mapped to a part) accepts the same shapes and names the same
 * paths when it does not.
 */
export const contextSchema = z.array(
  z.union([
    z.string().transform((content) => ({ content })),
    z.strictObject({
      content: z.string(),
      id: z.string().optional(),
      score: z.number().optional(),
      metadata: z.record(z.string(), json).optional(),
    }),
  ]),
);

export const toolDefinitionsSchema = z.array(
  z.strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), json).optional(),
  }),
);

export const toolCallsSchema = z.array(
  z.strictObject({
    name: z.string().min(1),
    arguments: json.default({}),
    result: json.optional(),
    status: z.enum(['ok', 'error', 'unset']).default('unset'),
    error: z.string().optional(),
    spanId: z.string().optional(),
  }),
);

export const trajectorySchema = z.array(
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
);
