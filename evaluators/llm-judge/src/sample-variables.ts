import { clip, type EvaluationSample, templateVariables, toText } from '@agentloop/plugin-sdk';
import { rootOf } from './template-variables.js';

const present = (value: unknown) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

const lookup = (value: unknown, path: string[]): unknown => {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
};

/** Retrieved documents as numbered text, which judges read more reliably than JSON. */
const contextText = (context: NonNullable<EvaluationSample['context']>) =>
  context.map((document, index) => `[${index + 1}] ${document.content}`).join('\n\n');

const textOf = (variable: string, sample: EvaluationSample): unknown => {
  const [root, ...path] = variable.split('.');
  if (root === 'metadata') return path.length ? lookup(sample.metadata, path) : sample.metadata;
  if (root === 'context') return sample.context && contextText(sample.context);
  return sample[root as 'input' | 'output' | 'expectedOutput' | 'tools' | 'toolCalls'];
};

/**
 * The values of the variables `templates` use, as clipped text keyed by the full variable name, or
 * the variables the sample does not have (the judge is never shown a silently empty slot).
 */
export const sampleVariables = (
  templates: readonly string[],
  sample: EvaluationSample,
  maxChars: number,
): { ok: true; variables: Record<string, string>; clipped: string[] } | { ok: false; missing: string[] } => {
  const names = [...new Set(templates.flatMap((template) => templateVariables(template)))].filter((name) => rootOf(name));
  const variables: Record<string, string> = {};
  const missing: string[] = [];
  const clipped: string[] = [];
  for (const name of names) {
    const value = textOf(name, sample);
    if (!present(value)) {
      missing.push(name);
      continue;
    }
    const text = toText(value);
    variables[name] = clip(text, maxChars);
    if (variables[name] !== text) clipped.push(name);
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, variables, clipped };
};
