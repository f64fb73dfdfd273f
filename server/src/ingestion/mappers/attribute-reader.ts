/** Small typed readers over an OTLP attribute map, shared by the convention mappers. */

const isPresent = (value: unknown) => value !== undefined && value !== null && value !== '';

/** A value as text: strings as they are, anything else as JSON. */
export const asText = (value: unknown): string | null => {
  if (!isPresent(value)) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/** The first of keys that is present, as text. */
export const readString = (attributes: Record<string, unknown>, ...keys: string[]): string | null => {
  for (const key of keys) {
    const text = asText(attributes[key]);
    if (text !== null) return text;
  }
  return null;
};

// No model call has counted a billion tokens: a larger count is garbage, and two of them (input
// plus output) must still fit the 32-bit token columns.
const MAX_TOKEN_COUNT = 1_000_000_000;

/** The first of keys that holds a whole number from 0 to a billion (numbers or numeric strings). */
export const readCount = (attributes: Record<string, unknown>, ...keys: string[]): number | null => {
  for (const key of keys) {
    const value = attributes[key];
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (Number.isSafeInteger(n) && n >= 0 && n <= MAX_TOKEN_COUNT) return n;
  }
  return null;
};

export const readStringList = (attributes: Record<string, unknown>, key: string): string[] | null => {
  const value = attributes[key];
  if (Array.isArray(value)) return value.filter(isPresent).map((v) => String(v));
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    const parsed = parseJson(value);
    if (Array.isArray(parsed)) return parsed.map((v) => String(v));
  }
  if (typeof value === 'string' && value !== '') return [value];
  return null;
};

export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** An object attribute, whether it arrived as a kvlist or as a JSON string. */
export const readObject = (attributes: Record<string, unknown>, key: string): Record<string, unknown> | null => {
  const value = attributes[key];
  const parsed = typeof value === 'string' ? parseJson(value) : value;
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
};

const INDEXED = /^(\d+)\.(.+)$/;
const DOT = 46;

/**
 * Flattened lists (`prefix.0.role`, `prefix.0.content`, `prefix.1.role`, …) → one record per
 * index, ordered by index, keyed by the rest of the attribute name.
 */
export const readIndexed = (attributes: Record<string, unknown>, prefix: string): Record<string, unknown>[] => {
  // Runs several times per span on every span: a plain key loop, no entry arrays.
  let byIndex: Map<number, Record<string, unknown>> | undefined;
  for (const key in attributes) {
    if (!isIndexedKey(key, prefix)) continue;
    const match = INDEXED.exec(key.slice(prefix.length + 1)) as RegExpExecArray;
    const index = Number(match[1]);
    byIndex ??= new Map();
    const item = byIndex.get(index) ?? {};
    item[match[2] as string] = attributes[key];
    byIndex.set(index, item);
  }
  if (!byIndex) return [];
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item);
};

/** Is `key` of the form `prefix.N.…`? */
export const isIndexedKey = (key: string, prefix: string) =>
  key.length > prefix.length + 1 &&
  key.startsWith(prefix) &&
  key.charCodeAt(prefix.length) === DOT &&
  INDEXED.test(key.slice(prefix.length + 1));

/** Turns `{ 'message.role': 'user' }` into `{ role: 'user' }` for a known sub-prefix. */
export const stripPrefix = (item: Record<string, unknown>, prefix: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).map(([k, v]) => [k.startsWith(`${prefix}.`) ? k.slice(prefix.length + 1) : k, v]));
