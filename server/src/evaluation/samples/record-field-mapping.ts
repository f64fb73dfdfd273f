import { z } from 'zod';
import type { DatasetField } from '../../datasets/dataset-fields.js';

/** The sample parts a dataset record can fill. */
export const MAPPABLE_PARTS = ['input', 'output', 'expectedOutput', 'context', 'tools', 'toolCalls', 'trajectory'] as const;
export type MappablePart = (typeof MAPPABLE_PARTS)[number];

/** Parts that are lists of objects in the SDK's shapes: only a json field (or text holding JSON) can carry one. */
export const LIST_PARTS: ReadonlySet<MappablePart> = new Set(['tools', 'toolCalls', 'trajectory']);

/**
 * Which dataset field (or dot path into a json field, e.g. `meta.question`) fills which sample
 * part. `metadata` lists fields copied into the sample's metadata; by default every field no part
 * took, so a judge template can use any column.
 */
export type RecordFieldMapping = Partial<Record<MappablePart, string>> & { metadata: string[] };

const path = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

/** The mapping as a client gives it: every part optional, nulls meaning "not given". */
export const fieldMappingInput = z.strictObject({
  input: path.nullish(),
  output: path.nullish(),
  expectedOutput: path.nullish(),
  context: path.nullish(),
  tools: path.nullish(),
  toolCalls: path.nullish(),
  trajectory: path.nullish(),
  metadata: z.array(path).max(200, 'at most 200 fields').nullish(),
});

export type FieldMappingInput = z.input<typeof fieldMappingInput>;

/** Field names tried, in order, for a part the user did not map. */
const DEFAULTS: Record<MappablePart, string[]> = {
  input: ['input'],
  output: ['output'],
  expectedOutput: ['expected_output', 'expectedOutput', 'expected'],
  context: ['context'],
  tools: ['tools'],
  toolCalls: ['tool_calls', 'toolCalls'],
  trajectory: ['trajectory'],
};

type Issue = { path: string; message: string };

const checkPath = (fields: DatasetField[], value: string, at: string, source: string, part?: MappablePart): Issue | null => {
  const [name, ...rest] = value.split('.');
  const field = fields.find((f) => f.name === name);
  if (!field) {
    const names = fields.map((f) => f.name).join(', ') || 'none';
    return { path: at, message: `no field "${name}" in ${source} (its fields: ${names})` };
  }
  if (rest.length > 0 && field.type !== 'json') {
    return { path: at, message: `"${name}" is a ${field.type} field; only json fields have sub-fields` };
  }
  if (part && LIST_PARTS.has(part) && field.type !== 'json' && field.type !== 'text') {
    return {
      path: at,
      message: `"${name}" is a ${field.type} field; ${part} is a list: map a json field (or text holding JSON)`,
    };
  }
  return null;
};

/**
 * The mapping a task stores: the user's, with the conventional field names filled in where the
 * snapshot has them (input, output, expected_output, context; json fields tools, tool_calls,
 * trajectory) and metadata defaulting to every other field. Issues name `fieldMapping.<part>` and the fields that exist.
 */
export const resolveFieldMapping = (
  fields: DatasetField[],
  given: z.output<typeof fieldMappingInput> | null | undefined,
  source = 'the snapshot',
): { mapping: RecordFieldMapping; issues: Issue[] } => {
  const issues: Issue[] = [];
  const mapping: RecordFieldMapping = { metadata: [] };
  for (const part of MAPPABLE_PARTS) {
    const chosen = given?.[part];
    if (chosen) {
      const issue = checkPath(fields, chosen, `fieldMapping.${part}`, source, part);
      if (issue) issues.push(issue);
      else mapping[part] = chosen;
      continue;
    }
    // A list part is only taken by name from a json field: a text "tools" column is more likely prose.
    const conventional = DEFAULTS[part].find((name) =>
      fields.some((f) => f.name === name && (!LIST_PARTS.has(part) || f.type === 'json')),
    );
    if (conventional) mapping[part] = conventional;
  }
  if (given?.metadata) {
    given.metadata.forEach((value, i) => {
      const issue = checkPath(fields, value, `fieldMapping.metadata.${i}`, source);
      if (issue) issues.push(issue);
    });
    mapping.metadata = [...new Set(given.metadata)];
  } else {
    const taken = new Set(MAPPABLE_PARTS.map((part) => mapping[part]?.split('.')[0]));
    mapping.metadata = fields.map((f) => f.name).filter((name) => !taken.has(name));
  }
  return { mapping, issues };
};

/** The stored mapping, read back (tasks store what resolveFieldMapping returned). */
export const storedFieldMapping = (json: unknown): RecordFieldMapping => {
  const value = (json && typeof json === 'object' ? json : {}) as Partial<RecordFieldMapping>;
  return { ...value, metadata: Array.isArray(value.metadata) ? value.metadata : [] };
};
