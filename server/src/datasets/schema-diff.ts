import type { DatasetField } from './dataset-fields.js';

/**
 * What existing records must satisfy under a new schema, one check per affected field:
 * - `removed`: the record must not have a value for the field,
 * - `required`: it must have one,
 * - `text` / `long` / `double`: its value (if any) must fit the new type.
 * A `droppable` check is satisfied by dropping the offending value (when the caller allows it);
 * a missing required value cannot be made up, and neither can a required field's value be dropped.
 */
export type ValueCheck = {
  field: string;
  kind: 'removed' | 'required' | 'text' | 'long' | 'double';
  droppable: boolean;
};

export type SchemaDiff = {
  added: string[];
  removed: string[];
  /** Fields whose type, required flag or options changed. */
  changed: string[];
  checks: ValueCheck[];
  /** Whether search must rebuild the dataset's index: anything but a required flag changed. */
  searchRelevant: boolean;
};

const optionsKey = (field: DatasetField) => JSON.stringify(field.options);

/** Compares two normalised field lists by name (a rename is a removal plus an addition). */
export const diffFields = (before: readonly DatasetField[], after: readonly DatasetField[]): SchemaDiff => {
  const old = new Map(before.map((field) => [field.name, field]));
  const next = new Map(after.map((field) => [field.name, field]));
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  const checks: ValueCheck[] = [];
  let searchRelevant = false;
  for (const field of before) {
    if (!next.has(field.name)) {
      removed.push(field.name);
      checks.push({ field: field.name, kind: 'removed', droppable: true });
      searchRelevant = true;
    }
  }
  for (const field of after) {
    const previous = old.get(field.name);
    if (!previous) {
      added.push(field.name);
      if (field.required) checks.push({ field: field.name, kind: 'required', droppable: false });
      searchRelevant = true;
      continue;
    }
    const typeChanged = previous.type !== field.type;
    const requiredNow = field.required && !previous.required;
    const optionsChanged = optionsKey(previous) !== optionsKey(field);
    if (!typeChanged && !requiredNow && !optionsChanged && previous.required === field.required) continue;
    changed.push(field.name);
    if (typeChanged || optionsChanged) searchRelevant = true;
    if (typeChanged && field.type !== 'json') {
      checks.push({ field: field.name, kind: field.type, droppable: !field.required });
    }
    if (requiredNow) checks.push({ field: field.name, kind: 'required', droppable: false });
  }
  return { added, removed, changed, checks, searchRelevant };
};

/**
 * The SQL condition under which record `r` violates check `c` (columns c.field, c.kind). CASE keeps
 * the numeric cast away from values that are not numbers (OR does not promise an evaluation order).
 */
export const VIOLATES_CHECK_SQL = `CASE c.kind
  WHEN 'removed' THEN r.data ? c.field
  WHEN 'required' THEN NOT (r.data ? c.field)
  WHEN 'text' THEN r.data ? c.field AND jsonb_typeof(r.data -> c.field) <> 'string'
  WHEN 'double' THEN r.data ? c.field AND jsonb_typeof(r.data -> c.field) <> 'number'
  WHEN 'long' THEN CASE
    WHEN NOT (r.data ? c.field) THEN false
    WHEN jsonb_typeof(r.data -> c.field) <> 'number' THEN true
    ELSE (r.data ->> c.field)::numeric <> trunc((r.data ->> c.field)::numeric)
      OR abs((r.data ->> c.field)::numeric) > 9007199254740991
    END
  ELSE false
END`;

const article = (jsonType: string | null) =>
  jsonType === 'array' || jsonType === 'object' ? `an ${jsonType}` : jsonType === 'null' ? 'null' : `a ${jsonType}`;

/** Why a record fails a check, for the breakage report. */
export const describeViolation = (kind: ValueCheck['kind'], jsonType: string | null): string => {
  switch (kind) {
    case 'removed':
      return 'has a value for this field, which the change removes (allow dropping values to remove them)';
    case 'required':
      return 'has no value, but the field is required after the change';
    case 'text':
      return `is ${article(jsonType)}; a text field holds strings`;
    case 'double':
      return `is ${article(jsonType)}; a double field holds numbers`;
    case 'long':
      return jsonType === 'number'
        ? 'is not a safe integer; a long field holds whole numbers'
        : `is ${article(jsonType)}; a long field holds whole numbers`;
  }
};
