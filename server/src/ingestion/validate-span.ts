import type { SpanStatus } from '../generated/prisma/enums.js';
import type { SpanEvent } from '../tracing/normalized-span.js';
import { keyValuesToRecord } from './any-value.js';
import { otlpSpanSchema } from './otlp-trace-schema.js';

/** A span that passed validation, before any convention is applied. */
export type ValidSpan = {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  startTime: Date;
  endTime: Date;
  status: SpanStatus;
  statusMessage: string | null;
  attributes: Record<string, unknown>;
  events: SpanEvent[];
};

export type SpanValidation = { ok: true; span: ValidSpan } | { ok: false; reason: string };

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ALL_ZERO = /^0+$/;
// Clocks drift; a day ahead is generous, further is a unit mistake (µs sent as ns) or garbage.
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
// Before 2000 is almost always seconds or milliseconds sent where nanoseconds belong.
const MIN_TIME_MS = Date.UTC(2000, 0, 1);

const STATUS_BY_NAME: Record<string, SpanStatus> = {
  STATUS_CODE_UNSET: 'UNSET',
  STATUS_CODE_OK: 'OK',
  STATUS_CODE_ERROR: 'ERROR',
};
const statusOf = (code: number | string | undefined): SpanStatus =>
  code === 1 ? 'OK' : code === 2 ? 'ERROR' : (STATUS_BY_NAME[String(code)] ?? 'UNSET');

const toDate = (unixNanos: string | number) =>
  new Date(typeof unixNanos === 'number' ? Math.floor(unixNanos / 1e6) : Number(BigInt(unixNanos) / 1_000_000n));

/** Checks one OTLP span; a failure names the span and the reason, for OTLP partial success. */
export const validateSpan = (raw: unknown, now: number): SpanValidation => {
  const parsed = otlpSpanSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'span'}: ${issue?.message}` };
  }
  const span = parsed.data;
  const traceId = span.traceId.toLowerCase();
  const spanId = span.spanId.toLowerCase();
  const parentSpanId = span.parentSpanId ? span.parentSpanId.toLowerCase() : null;
  const label = `span ${JSON.stringify(span.name)}`;
  if (!TRACE_ID.test(traceId) || ALL_ZERO.test(traceId)) {
    return { ok: false, reason: `${label}: traceId must be 16 non-zero bytes (32 hex digits)` };
  }
  if (!SPAN_ID.test(spanId) || ALL_ZERO.test(spanId)) {
    return { ok: false, reason: `${label}: spanId must be 8 non-zero bytes (16 hex digits)` };
  }
  if (parentSpanId !== null && !SPAN_ID.test(parentSpanId)) {
    return { ok: false, reason: `${label}: parentSpanId must be empty or 8 bytes (16 hex digits)` };
  }
  const startTime = toDate(span.startTimeUnixNano);
  const endTime = toDate(span.endTimeUnixNano);
  if (startTime.getTime() < MIN_TIME_MS) return { ok: false, reason: `${label}: startTimeUnixNano is missing or before 2000` };
  if (startTime.getTime() > now + MAX_FUTURE_MS) return { ok: false, reason: `${label}: startTimeUnixNano is in the future` };
  if (endTime < startTime) return { ok: false, reason: `${label}: endTimeUnixNano is before startTimeUnixNano` };
  return {
    ok: true,
    span: {
      traceId,
      spanId,
      parentSpanId: parentSpanId && !ALL_ZERO.test(parentSpanId) ? parentSpanId : null,
      name: span.name,
      startTime,
      endTime,
      status: statusOf(span.status?.code),
      statusMessage: span.status?.message || null,
      attributes: keyValuesToRecord(span.attributes),
      events: (span.events ?? []).map((event) => ({
        name: event.name,
        time: toDate(event.timeUnixNano ?? span.startTimeUnixNano).toISOString(),
        attributes: keyValuesToRecord(event.attributes),
      })),
    },
  };
};
