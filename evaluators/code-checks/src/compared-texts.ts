import { type EvaluationSample, type FailedResult, failed, toText, z } from '@agentloop/plugin-sdk';
import { fieldSchema, missingFieldReason, readField } from './field.js';
import { missingReferenceReason, type ReferenceSource, referenceText } from './reference.js';
import { caseSensitiveOption, normalizeText, normalizeWhitespaceOption, type TextOptions, trimOption } from './text-options.js';

/**
 * The config fields of a check that compares one field of the sample with a reference text (a
 * configured `value`, else the expected output), spread into its config schema.
 */
export const comparisonConfigFields = (valueDescription: string) => ({
  field: fieldSchema,
  value: z.string().optional().describe(valueDescription),
  caseSensitive: caseSensitiveOption,
  trim: trimOption,
  normalizeWhitespace: normalizeWhitespaceOption,
});

/** What a comparison check's config holds once parsed. */
export type ComparisonConfig = TextOptions & { field: string; value?: string | undefined };

/** Both sides of a comparison, normalised alike, or the recorded failure when one side is missing. */
export type ComparedTexts =
  | { ok: true; left: string; right: string; source: ReferenceSource }
  | { ok: false; result: FailedResult };

/** Reads the checked field and the reference text and normalises both with the config's text options. */
export function comparedTexts(check: string, sample: EvaluationSample, config: ComparisonConfig): ComparedTexts {
  const actual = readField(sample, config.field);
  if (actual === undefined) return { ok: false, result: failed(missingFieldReason(check, config.field)) };
  const reference = referenceText(sample, config.value);
  if (!reference) return { ok: false, result: failed(missingReferenceReason(check)) };
  return {
    ok: true,
    left: normalizeText(toText(actual), config),
    right: normalizeText(reference.text, config),
    source: reference.source,
  };
}
