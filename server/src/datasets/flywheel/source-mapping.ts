import { z } from 'zod';
import type { DatasetField } from '../dataset-fields.js';

/**
 * Where a dataset field's value comes from in a trace or span:
 * - a column: input, output, name, traceId, spanId, sessionId, userId, model, tags, durationMs,
 *   totalTokens, cost, status,
 * - `metadata.<dot path>` (or `metadata` for all of it),
 * - `score.<name>`: the current score of that name (its value, or its label for label scores).
 */
export const SOURCE_COLUMNS = [
  'input',
  'output',
  'name',
  'traceId',
  'spanId',
  'sessionId',
  'userId',
  'model',
  'tags',
  'durationMs',
  'totalTokens',
  'cost',
  'status',
] as const;

export type SourceColumn = (typeof SOURCE_COLUMNS)[number];

export type SourcePath =
  | { kind: 'column'; column: SourceColumn }
  | { kind: 'metadata'; path: string[] }
  | { kind: 'score'; name: string };

export type FieldMapping = { field: string; source: SourcePath };

const METADATA = /^metadata(\.[^.\s]+)*$/;
const SCORE = /^score\.([\w.:/-]{1,100})$/;

export const parseSource = (source: string): SourcePath | null => {
  if ((SOURCE_COLUMNS as readonly string[]).includes(source)) return { kind: 'column', column: source as SourceColumn };
  if (METADATA.test(source)) return { kind: 'metadata', path: source.split('.').slice(1) };
  const score = SCORE.exec(source);
  if (score?.[1]) return { kind: 'score', name: score[1] };
  return null;
};

const mappingInput = z
  .array(
    z.object({
      field: z.string().min(1, 'must not be empty'),
      source: z.string().refine((source) => parseSource(source) !== null, {
        message: `must be one of ${SOURCE_COLUMNS.join(', ')}, metadata.<path> or score.<name>`,
      }),
    }),
  )
  .min(1, 'map at least one field')
  .max(200, 'at most 200 mappings');

/** The mapping as a zod schema, checked against the dataset's fields by `checkMapping`. */
export const mappingSchema = mappingInput;

/** Field names must exist and appear once; paths point at `mapping.<index>.field`. */
export const checkMapping = (
  fields: readonly DatasetField[],
  mapping: z.output<typeof mappingInput>,
): { mappings: FieldMapping[]; issues: { path: string; message: string }[] } => {
  const names = new Set(fields.map((field) => field.name));
  const seen = new Set<string>();
  const issues: { path: string; message: string }[] = [];
  mapping.forEach((entry, index) => {
    if (!names.has(entry.field)) {
      issues.push({
        path: `mapping.${index}.field`,
        message: `"${entry.field}" is not a field of this dataset (fields: ${[...names].join(', ') || 'none'})`,
      });
    } else if (seen.has(entry.field)) {
      issues.push({ path: `mapping.${index}.field`, message: `"${entry.field}" is mapped twice` });
    }
    seen.add(entry.field);
  });
  return {
    mappings: mapping.map((entry) => ({ field: entry.field, source: parseSource(entry.source) as SourcePath })),
    issues,
  };
};

/** What a source needs: its columns as plain values, its metadata, and its current scores by name. */
export type SourceRow = {
  columns: Record<SourceColumn, unknown>;
  metadata: unknown;
  scores: Map<string, { value: number | null; label: string | null }>;
};

const atPath = (value: unknown, path: string[]): unknown => {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
};

const readSource = (row: SourceRow, source: SourcePath): unknown => {
  switch (source.kind) {
    case 'column':
      return row.columns[source.column];
    case 'metadata':
      return atPath(row.metadata, source.path);
    case 'score': {
      const score = row.scores.get(source.name);
      return score ? (score.value ?? score.label) : undefined;
    }
  }
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * Converts a source value to what the field type holds, where the conversion is unambiguous
 * (numbers and JSON to text, numeric strings to numbers, JSON text to json). Anything else is left
 * as it is, so record validation names the field and what was wrong instead of guessing.
 */
export const convertFor = (field: DatasetField, value: unknown): unknown => {
  if (value === undefined || value === null) return null;
  switch (field.type) {
    case 'text':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return JSON.stringify(value);
    case 'long':
    case 'double':
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      return value;
    case 'json':
      return typeof value === 'string' ? parseJson(value) : value;
  }
};

/** The record data a source gives under the mapping (nulls mean "no value" and are dropped on write). */
export const mapSource = (fields: readonly DatasetField[], mappings: readonly FieldMapping[], row: SourceRow) => {
  const byName = new Map(fields.map((field) => [field.name, field]));
  const data: Record<string, unknown> = {};
  for (const mapping of mappings) {
    const field = byName.get(mapping.field);
    if (field) data[mapping.field] = convertFor(field, readSource(row, mapping.source));
  }
  return data;
};
