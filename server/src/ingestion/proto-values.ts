/**
 * Readers over messages as the OpenTelemetry generated protobufjs module decodes them, without
 * `toObject`: 64-bit integers arrive as long.js `Long`s (or numbers), bytes as Buffers, and fields
 * that were not sent read as null from the message prototype.
 */

import { withoutNul } from '../tracing/without-nul.js';
import { setAttribute } from './any-value.js';

/** A long.js Long as protobufjs decodes int64/fixed64 (its bits), or a plain number without long.js. */
export type ProtoLong = number | { low: number; high: number; unsigned?: boolean; toString(): string };

export type ProtoAnyValue = {
  stringValue?: string | null;
  boolValue?: boolean | null;
  intValue?: ProtoLong | null;
  doubleValue?: number | null;
  arrayValue?: { values?: ProtoAnyValue[] | null } | null;
  kvlistValue?: { values?: ProtoKeyValue[] | null } | null;
  bytesValue?: Uint8Array | null;
};

export type ProtoKeyValue = { key?: string | null; value?: ProtoAnyValue | null };

const TWO_32 = 4294967296;

/**
 * Unsigned nanoseconds since the epoch → whole milliseconds, exactly (no detour through a double,
 * which at 2^60 ns is only accurate to 256 ns and could round across a millisecond).
 */
export const nanosToMillis = (value: ProtoLong | null | undefined): number => {
  if (value == null) return 0;
  if (typeof value === 'number') return Math.floor(value / 1e6);
  const high = value.high >>> 0;
  const low = value.low >>> 0;
  // high · 2^32 = high · 4294 · 10^6 + high · 967296; every term below stays under 2^53.
  return high * 4294 + Math.floor((high * 967296 + low) / 1e6);
};

/** A signed int64 as JSON: a number when exact, else its decimal text (as OTLP/JSON would send it). */
const int64ToJs = (value: ProtoLong): number | string => {
  if (typeof value === 'number') return value;
  const n = value.unsigned ? (value.high >>> 0) * TWO_32 + (value.low >>> 0) : value.high * TWO_32 + (value.low >>> 0);
  return Number.isSafeInteger(n) ? n : value.toString();
};

const bufferOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const HEX_BYTE = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Bytes → lower-case hex, as OTLP/JSON spells ids; '' when absent. Three ids per span: a table
 * lookup per byte is several times cheaper than wrapping each in a Buffer to call toString('hex').
 */
export const bytesToHex = (bytes: Uint8Array | null | undefined) => {
  if (!bytes) return '';
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX_BYTE[bytes[i] as number];
  return hex;
};

/** AnyValue → plain JSON, with the same rules as `anyValueToJs` for OTLP/JSON (see any-value.ts). */
export const protoAnyValueToJs = (value: ProtoAnyValue | null | undefined): unknown => {
  if (!value) return null;
  if (value.stringValue != null) return withoutNul(value.stringValue);
  if (value.boolValue != null) return value.boolValue;
  if (value.intValue != null) return int64ToJs(value.intValue);
  if (value.doubleValue != null) return Number.isFinite(value.doubleValue) ? value.doubleValue : String(value.doubleValue);
  if (value.arrayValue != null) return (value.arrayValue.values ?? []).map(protoAnyValueToJs);
  if (value.kvlistValue != null) return protoKeyValuesToRecord(value.kvlistValue.values);
  if (value.bytesValue != null) return bufferOf(value.bytesValue).toString('base64');
  return null;
};

export const protoKeyValuesToRecord = (values: ProtoKeyValue[] | null | undefined): Record<string, unknown> => {
  const record: Record<string, unknown> = {};
  if (!values) return record;
  for (const kv of values) setAttribute(record, kv.key ?? '', protoAnyValueToJs(kv.value));
  return record;
};
