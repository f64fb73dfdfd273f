import { type EvaluationSample, z } from '@agentloop/plugin-sdk';

const FIELD = /^(?:input|output|expectedOutput|metadata(?:\.[^.\s]+)+)$/;

/** The `field` config option shared by every check (default `output`). */
export const fieldSchema = z
  .string()
  .regex(FIELD, "field must be 'input', 'output', 'expectedOutput' or 'metadata.<path>' (e.g. 'metadata.answer.city')")
  .default('output')
  .describe("The part of the sample to check: 'input', 'output', 'expectedOutput' or 'metadata.<dot path>'.");

/**
 * The value of `field` in the sample, or `undefined` when it is absent or `null` (a check cannot
 * run on nothing; it reports a failure rather than scoring it 0).
 */
export function readField(sample: EvaluationSample, field: string): unknown {
  if (field === 'input' || field === 'output' || field === 'expectedOutput') return sample[field] ?? undefined;
  if (!field.startsWith('metadata.')) return undefined;
  const path = field.slice('metadata.'.length);
  const metadata = sample.metadata;
  if (!metadata) return undefined;
  // A key that itself contains dots wins, so flat metadata like { 'user.tier': 'pro' } is reachable.
  if (Object.hasOwn(metadata, path)) return metadata[path] ?? undefined;
  let current: unknown = metadata;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current ?? undefined;
}

/** The failure reason for a sample lacking the checked field. */
export function missingFieldReason(plugin: string, field: string): string {
  return `${plugin} needs ${field} on the sample to check, and this sample has none`;
}
