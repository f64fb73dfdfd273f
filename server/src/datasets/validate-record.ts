import type { DatasetField } from './dataset-fields.js';

/** A record's size limit, as JSON: bigger rows belong in object storage, not in a dataset row. */
export const MAX_RECORD_BYTES = 4 * 1024 * 1024;

export type RecordData = Record<string, unknown>;

export type FieldProblem = { field: string | null; message: string };

export type ValidatedRecord = { ok: true; data: RecordData } | { ok: false; problems: FieldProblem[] };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Postgres jsonb cannot store U+0000 in a string; say so instead of failing the whole batch later. */
const hasNul = (value: unknown): boolean => {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (isPlainObject(value)) return Object.entries(value).some(([key, v]) => key.includes('\u0000') || hasNul(v));
  return false;
};

/** Whether a value of a JSON document fits a field type; the message says what was expected. */
export const checkValue = (field: DatasetField, value: unknown): string | null => {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? null : `must be a string (text field), got ${typeName(value)}`;
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return `must be an integer (long field), got ${typeName(value)}`;
      return Number.isSafeInteger(value) ? null : 'must be a safe integer, between -(2^53 - 1) and 2^53 - 1';
    case 'double':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : `must be a finite number (double field), got ${typeName(value)}`;
    case 'json':
      return null;
  }
};

const typeName = (value: unknown) => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return value.length > 40 ? `the string "${value.slice(0, 40)}…"` : `the string "${value}"`;
  return `${typeof value} ${String(value)}`;
};

/**
 * Checks one record's data against the dataset's fields and returns the data to store:
 * null values mean "absent" and are dropped, so an optional field is either present and typed or missing.
 * Unknown fields and `id` are refused rather than silently dropped: a typo must not lose data.
 */
export const validateRecordData = (fields: readonly DatasetField[], data: unknown): ValidatedRecord => {
  if (!isPlainObject(data))
    return { ok: false, problems: [{ field: null, message: `must be a JSON object, got ${typeName(data)}` }] };
  const problems: FieldProblem[] = [];
  const byName = new Map(fields.map((field) => [field.name, field]));
  const stored: RecordData = {};
  for (const [key, value] of Object.entries(data)) {
    const field = byName.get(key);
    if (!field) {
      problems.push({
        field: key,
        message:
          key === 'id'
            ? 'is generated and immutable; it cannot be set'
            : `is not a field of this dataset (fields: ${fields.map((f) => f.name).join(', ') || 'none'})`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    const problem = checkValue(field, value);
    if (problem) problems.push({ field: key, message: problem });
    else if (hasNul(value)) problems.push({ field: key, message: 'must not contain the NUL character (U+0000)' });
    else stored[key] = value;
  }
  for (const field of fields) {
    if (field.required && (data[field.name] === null || data[field.name] === undefined)) {
      problems.push({ field: field.name, message: 'is required' });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const bytes = Buffer.byteLength(JSON.stringify(stored));
  if (bytes > MAX_RECORD_BYTES) {
    return {
      ok: false,
      problems: [{ field: null, message: `is ${bytes} bytes as JSON; at most ${MAX_RECORD_BYTES} are allowed` }],
    };
  }
  return { ok: true, data: stored };
};
