/** Span columns whose value often arrives verbatim as an attribute (message content, tool I/O). */
const VALUE_COLUMNS = ['input', 'output', 'toolArguments', 'toolResult'] as const;

export type ValueColumn = (typeof VALUE_COLUMNS)[number];

type SpanValues = Record<ValueColumn, string | null>;

export type StoredAttributes = {
  /** The attributes minus those whose value a column already holds. */
  attributes: Record<string, unknown>;
  /** Which column holds each removed attribute's value. */
  attributeColumns: Record<string, ValueColumn>;
};

// Small values cost less to repeat than to reference.
const MIN_MOVED_LENGTH = 64;

const columnHolding = (span: SpanValues, value: unknown): ValueColumn | undefined => {
  if (typeof value !== 'string' || value.length < MIN_MOVED_LENGTH) return undefined;
  for (const column of VALUE_COLUMNS) if (span[column] === value) return column;
  return undefined;
};

/**
 * Splits a span's attributes for storage: an attribute whose string value is exactly the span's
 * input, output, tool arguments or tool result is stored once, in that column, and remembered by
 * key. `restoreAttributes` reverses it, so readers always see what the instrumentation sent.
 */
export const storedAttributes = (span: SpanValues & { attributes: Record<string, unknown> }): StoredAttributes => {
  // Runs for every span written. The kept attributes are copied into a fresh object rather than
  // deleted from a copy: a delete turns the object into a slow dictionary that JSON.stringify
  // then walks at half the speed. Key order is the same either way.
  const source = span.attributes;
  const keys = Object.keys(source);
  let attributes: Record<string, unknown> | undefined;
  let attributeColumns: Record<string, ValueColumn> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = source[key];
    const column = columnHolding(span, value);
    if (column === undefined) {
      if (attributes) attributes[key] = value;
      continue;
    }
    if (!attributes) {
      attributes = {};
      for (let j = 0; j < i; j++) attributes[keys[j] as string] = source[keys[j] as string];
    }
    attributeColumns ??= {};
    attributeColumns[key] = column;
  }
  return { attributes: attributes ?? source, attributeColumns: attributeColumns ?? {} };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A stored span's attributes as the instrumentation sent them (see `storedAttributes`). */
export const restoreAttributes = (
  row: Partial<SpanValues> & { attributes: unknown; attributeColumns: unknown },
): Record<string, unknown> => {
  const attributes = isRecord(row.attributes) ? row.attributes : {};
  if (!isRecord(row.attributeColumns)) return attributes;
  const entries = Object.entries(row.attributeColumns);
  if (entries.length === 0) return attributes;
  const restored = { ...attributes };
  for (const [key, column] of entries) {
    if (typeof column !== 'string' || !(VALUE_COLUMNS as readonly string[]).includes(column)) continue;
    restored[key] = row[column as ValueColumn] ?? null;
  }
  return restored;
};
