import { withoutNul } from '../tracing/without-nul.js';
import { anyValueToJs, keyValuesToRecord } from './any-value.js';
import { asText } from './mappers/attribute-reader.js';
import { otlpLogRecordSchema } from './otlp-logs-schema.js';

/** A log record that passed validation, in LogRecord's columns. */
export type ValidLogRecord = {
  traceId: string | null;
  spanId: string | null;
  timestamp: Date;
  /** The same instant to the microsecond (Postgres' precision), so records of one call keep their order. */
  timestampIso: string;
  severityNumber: number | null;
  severityText: string | null;
  eventName: string | null;
  /** Strings as they are; structured bodies (GenAI events) as JSON. */
  body: string | null;
  attributes: Record<string, unknown>;
};

export type LogRecordValidation = { ok: true; record: ValidLogRecord } | { ok: false; reason: string };

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ALL_ZERO = /^0+$/;
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
// SeverityNumber is 1 (TRACE) to 24 (FATAL4) in OTLP; anything else is not a severity.
const MAX_SEVERITY = 24;

const toMicros = (unixNanos: string | number | undefined): bigint => {
  if (unixNanos === undefined) return 0n;
  return typeof unixNanos === 'number' ? BigInt(Math.floor(unixNanos / 1e3)) : BigInt(unixNanos) / 1000n;
};

const isoMicros = (micros: bigint) => {
  const iso = new Date(Number(micros / 1000n)).toISOString();
  return `${iso.slice(0, -1)}${String(micros % 1000n).padStart(3, '0')}Z`;
};

// Ids are optional on logs; empty or all-zero means "not in a trace".
const optionalId = (id: string | undefined) => {
  const lower = (id ?? '').toLowerCase();
  return lower === '' || ALL_ZERO.test(lower) ? null : lower;
};

/** Checks one OTLP log record; a failure gives the reason, for OTLP partial success. */
export const validateLogRecord = (raw: unknown, now: number): LogRecordValidation => {
  const parsed = otlpLogRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'logRecord'}: ${issue?.message}` };
  }
  const record = parsed.data;
  const traceId = optionalId(record.traceId);
  const spanId = optionalId(record.spanId);
  if (traceId !== null && !TRACE_ID.test(traceId)) return { ok: false, reason: 'log record: traceId must be 32 hex digits' };
  if (spanId !== null && !SPAN_ID.test(spanId)) return { ok: false, reason: 'log record: spanId must be 16 hex digits' };
  // The observed time stands in for a missing event time, as the OTLP spec says it may.
  const micros = toMicros(record.timeUnixNano) || toMicros(record.observedTimeUnixNano) || BigInt(now) * 1000n;
  const ms = Number(micros / 1000n);
  if (ms > now + MAX_FUTURE_MS) return { ok: false, reason: 'log record: timeUnixNano is in the future' };
  const attributes = keyValuesToRecord(record.attributes);
  const severity = Number(record.severityNumber);
  return {
    ok: true,
    record: {
      traceId,
      spanId,
      timestamp: new Date(ms),
      timestampIso: isoMicros(micros),
      severityNumber: Number.isInteger(severity) && severity > 0 && severity <= MAX_SEVERITY ? severity : null,
      severityText: record.severityText ? withoutNul(record.severityText) : null,
      eventName: record.eventName ? withoutNul(record.eventName) : asText(attributes['event.name']),
      body: asText(anyValueToJs(record.body)),
      attributes,
    },
  };
};
