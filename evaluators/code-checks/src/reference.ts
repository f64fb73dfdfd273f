import { type EvaluationSample, toText } from '@agentloop/plugin-sdk';

/** Where a comparison's reference text came from, for reasoning strings. */
export type ReferenceSource = 'value' | 'expectedOutput';

/** The text to compare with: the configured `value`, else the sample's expected output; `undefined` when neither exists. */
export function referenceText(
  sample: EvaluationSample,
  value: string | undefined,
): { text: string; source: ReferenceSource } | undefined {
  if (value !== undefined) return { text: value, source: 'value' };
  if (sample.expectedOutput === undefined || sample.expectedOutput === null) return undefined;
  return { text: toText(sample.expectedOutput), source: 'expectedOutput' };
}

/** The failure reason for a sample without expected output when no `value` is configured. */
export function missingReferenceReason(plugin: string): string {
  return `${plugin} needs expectedOutput on the sample to compare with (or a \`value\` in its config), and this sample has none`;
}
