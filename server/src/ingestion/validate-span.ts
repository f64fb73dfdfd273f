import type { SpanStatus } from '../generated/prisma/enums.js';
import { isoTimestamp } from '../tracing/iso-timestamp.js';
import type { SpanEvent } from '../tracing/normalized-span.js';
import { withoutNul } from '../tracing/without-nul.js';
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

/** Validates one span of a decoded request; which one depends on the request's encoding. */
export type SpanValidator = (raw: unknown, now: number) => SpanValidation;

/** A span's fields in plain types, whichever encoding it came in; ids in hex, times in ms. */
export type SpanCandidate = {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  startMs: number;
  endMs: number;
  statusCode: number | string | null | undefined;
  statusMessage: string | null | undefined;
  attributes: Record<string, unknown>;
  events: SpanEvent[];
};

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
const statusOf = (code: number | string | null | undefined): SpanStatus =>
  code === 1 ? 'OK' : code === 2 ? 'ERROR' : (STATUS_BY_NAME[String(code)] ?? 'UNSET');

const toMillis = (unixNanos: string | number) =>
  typeof unixNanos === 'number' ? Math.floor(unixNanos / 1e6) : Number(BigInt(unixNanos) / 1_000_000n);

// Built only for a rejected span. A function here, not a closure per span: tsx (esbuild's
// keepNames) names every closure it creates, a defineProperty per span in ingestion's profile.
const labelOf = (candidate: SpanCandidate) => `span ${JSON.stringify(candidate.name)}`;

/** The checks every span passes, whatever its encoding; a failure names the span and the reason. */
export const checkSpan = (candidate: SpanCandidate, now: number): SpanValidation => {
  const traceId = candidate.traceId.toLowerCase();
  const spanId = candidate.spanId.toLowerCase();
  const parentSpanId = candidate.parentSpanId ? candidate.parentSpanId.toLowerCase() : null;
  if (!TRACE_ID.test(traceId) || ALL_ZERO.test(traceId)) {
    return { ok: false, reason: `${labelOf(candidate)}: traceId must be 16 non-zero bytes (32 hex digits)` };
  }
  if (!SPAN_ID.test(spanId) || ALL_ZERO.test(spanId)) {
    return { ok: false, reason: `${labelOf(candidate)}: spanId must be 8 non-zero bytes (16 hex digits)` };
  }
  if (parentSpanId !== null && !SPAN_ID.test(parentSpanId)) {
    return { ok: false, reason: `${labelOf(candidate)}: parentSpanId must be empty or 8 bytes (16 hex digits)` };
  }
  const { startMs, endMs } = candidate;
  if (startMs < MIN_TIME_MS) return { ok: false, reason: `${labelOf(candidate)}: startTimeUnixNano is missing or before 2000` };
  if (startMs > now + MAX_FUTURE_MS) return { ok: false, reason: `${labelOf(candidate)}: startTimeUnixNano is in the future` };
  if (endMs < startMs) return { ok: false, reason: `${labelOf(candidate)}: endTimeUnixNano is before startTimeUnixNano` };
  // An end in the far future would make the span the slowest of all and keep it from retention.
  if (!(endMs <= now + MAX_FUTURE_MS)) return { ok: false, reason: `${labelOf(candidate)}: endTimeUnixNano is in the future` };
  return {
    ok: true,
    span: {
      traceId,
      spanId,
      parentSpanId: parentSpanId && !ALL_ZERO.test(parentSpanId) ? parentSpanId : null,
      name: withoutNul(candidate.name),
      startTime: new Date(startMs),
      endTime: new Date(endMs),
      status: statusOf(candidate.statusCode),
      statusMessage: candidate.statusMessage ? withoutNul(candidate.statusMessage) : null,
      attributes: candidate.attributes,
      events: candidate.events,
    },
  };
};

/** Checks one OTLP/JSON span: its structure with zod first, since JSON can hold anything. */
export const validateSpan: SpanValidator = (raw, now) => {
  const parsed = otlpSpanSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'span'}: ${issue?.message}` };
  }
  const span = parsed.data;
  return checkSpan(
    {
      traceId: span.traceId,
      spanId: span.spanId,
      parentSpanId: span.parentSpanId ?? null,
      name: span.name,
      startMs: toMillis(span.startTimeUnixNano),
      endMs: toMillis(span.endTimeUnixNano),
      statusCode: span.status?.code,
      statusMessage: span.status?.message,
      attributes: keyValuesToRecord(span.attributes),
      events: (span.events ?? []).map((event) => ({
        name: withoutNul(event.name),
        time: isoTimestamp(toMillis(event.timeUnixNano ?? span.startTimeUnixNano)),
        attributes: keyValuesToRecord(event.attributes),
      })),
    },
    now,
  );
};
