import { z } from 'zod';
import { withoutNul } from '../tracing/without-nul.js';

export type AnyValueJson = {
  stringValue?: string | undefined;
  boolValue?: boolean | undefined;
  intValue?: string | number | undefined;
  doubleValue?: number | string | undefined;
  arrayValue?: { values?: AnyValueJson[] | undefined } | undefined;
  kvlistValue?: { values?: KeyValueJson[] | undefined } | undefined;
  bytesValue?: string | undefined;
};
export type KeyValueJson = { key: string; value?: AnyValueJson | undefined };

/** OTLP/JSON AnyValue: 64-bit ints may be strings, doubles may be "NaN"/"Infinity", bytes are base64. */
export const anyValueSchema: z.ZodType<AnyValueJson> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: z.union([z.string().regex(/^-?\d+$/, 'expected an integer'), z.number()]).optional(),
    doubleValue: z.union([z.number(), z.string()]).optional(),
    arrayValue: z.object({ values: z.array(anyValueSchema).optional() }).optional(),
    kvlistValue: z.object({ values: z.array(keyValueSchema).optional() }).optional(),
    bytesValue: z.string().optional(),
  }),
);

export const keyValueSchema: z.ZodType<KeyValueJson> = z.lazy(() =>
  z.object({ key: z.string(), value: anyValueSchema.optional() }),
);

/** AnyValue → plain JSON: ints beyond 2^53 stay strings rather than silently losing digits. */
export const anyValueToJs = (value: AnyValueJson | undefined): unknown => {
  if (!value) return null;
  if (value.stringValue !== undefined) return withoutNul(value.stringValue);
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) {
    const n = Number(value.intValue);
    return Number.isSafeInteger(n) ? n : String(value.intValue);
  }
  if (value.doubleValue !== undefined) {
    const n = Number(value.doubleValue);
    // JSON has no NaN or Infinity; keep what the exporter said as text.
    return Number.isFinite(n) ? n : String(value.doubleValue);
  }
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(anyValueToJs);
  if (value.kvlistValue !== undefined) return keyValuesToRecord(value.kvlistValue.values);
  if (value.bytesValue !== undefined) return value.bytesValue;
  return null;
};

/**
 * `record[key] = value`, except that an attribute named `__proto__` becomes an own property too:
 * plain assignment would swap the record's prototype (or drop a primitive) and lose it. A
 * null-prototype record would avoid the check but sends V8 into its slow dictionary mode. Keys lose
 * any U+0000 as values do (see withoutNul).
 */
export const setAttribute = (record: Record<string, unknown>, rawKey: string, value: unknown) => {
  const key = withoutNul(rawKey);
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
};

export const keyValuesToRecord = (values: KeyValueJson[] | undefined): Record<string, unknown> => {
  const record: Record<string, unknown> = {};
  for (const kv of values ?? []) setAttribute(record, kv.key, anyValueToJs(kv.value));
  return record;
};
