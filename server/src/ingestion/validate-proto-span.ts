import { isoTimestamp } from '../tracing/iso-timestamp.js';
import { withoutNul } from '../tracing/without-nul.js';
import { bytesToHex, nanosToMillis, type ProtoKeyValue, type ProtoLong, protoKeyValuesToRecord } from './proto-values.js';
import { checkSpan, type SpanValidator } from './validate-span.js';

/** The fields of a decoded protobufjs `Span` message that ingestion reads. */
export type ProtoSpan = {
  traceId?: Uint8Array | null;
  spanId?: Uint8Array | null;
  parentSpanId?: Uint8Array | null;
  name?: string | null;
  startTimeUnixNano?: ProtoLong | null;
  endTimeUnixNano?: ProtoLong | null;
  attributes?: ProtoKeyValue[] | null;
  events?: { timeUnixNano?: ProtoLong | null; name?: string | null; attributes?: ProtoKeyValue[] | null }[] | null;
  status?: { code?: number | null; message?: string | null } | null;
};

/**
 * Checks one span straight from the decoded protobuf message. The decoder already guarantees the
 * types (bytes, integers, strings), so no schema pass is needed; the same checks as for OTLP/JSON
 * (ids, times) follow. Skipping `toObject` and the JSON detour keeps the hot path allocation-light.
 */
export const validateProtoSpan: SpanValidator = (raw, now) => {
  const span = raw as ProtoSpan;
  const startMs = nanosToMillis(span.startTimeUnixNano);
  return checkSpan(
    {
      traceId: bytesToHex(span.traceId),
      spanId: bytesToHex(span.spanId),
      parentSpanId: bytesToHex(span.parentSpanId) || null,
      name: span.name ?? '',
      startMs,
      endMs: nanosToMillis(span.endTimeUnixNano),
      statusCode: span.status?.code,
      statusMessage: span.status?.message,
      attributes: protoKeyValuesToRecord(span.attributes),
      events: (span.events ?? []).map((event) => ({
        name: withoutNul(event.name ?? ''),
        time: isoTimestamp(event.timeUnixNano == null ? startMs : nanosToMillis(event.timeUnixNano)),
        attributes: protoKeyValuesToRecord(event.attributes),
      })),
    },
    now,
  );
};
