import { z } from 'zod';

/**
 * A service's default call parameters. Strict: an unknown key is an error naming it, so a typo
 * (`max_tokens`) is not silently ignored. The experiments issue adds fields here.
 */
export const modelParametersSchema = z.strictObject({
  temperature: z.number().min(0, 'must be at least 0').max(2, 'must be at most 2').optional(),
  topP: z.number().gt(0, 'must be greater than 0').max(1, 'must be at most 1').optional(),
  maxTokens: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000).optional(),
  /** Per request, including the wait for the first byte; a retry gets its own. */
  timeoutMs: z.number().int('must be a whole number').min(100, 'must be at least 100').max(600_000).optional(),
  /** Retries of 429s, 5xx and network errors, with LangChain's exponential backoff. */
  maxRetries: z.number().int('must be a whole number').min(0, 'must not be negative').max(10, 'must be at most 10').optional(),
  /** Embedding services only: the vector size to ask for (models that support it). */
  dimensions: z.number().int('must be a whole number').min(1).max(100_000).optional(),
});

export type ModelParameters = z.infer<typeof modelParametersSchema>;

/** Applied when a service sets no value: bounded, so a hung provider never holds a job forever. */
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;

/** Stored parameters were validated on write; read them back leniently (older rows, later fields). */
export const storedParameters = (json: unknown): ModelParameters => {
  const parsed = modelParametersSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const record = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(modelParametersSchema.shape)) {
    const value = field.safeParse(record[key]);
    if (value.success && value.data !== undefined) kept[key] = value.data;
  }
  return kept as ModelParameters;
};
