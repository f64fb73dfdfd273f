import { otlpCollector } from '../../server/src/ingestion/otlp-proto.js';
import type { NormalizedSpan } from '../../server/src/tracing/normalized-span.js';

// OTLP SpanKind / StatusCode numbers (trace.proto): agents and tools run in-process, model calls are clients.
const OTLP_KIND = { AGENT: 1, TOOL: 1, LLM: 3 } as Record<string, number>;
const OTLP_STATUS = { UNSET: 0, OK: 1, ERROR: 2 } as const;

const anyValue = (value: unknown) => {
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return { stringValue: typeof value === 'string' ? value : JSON.stringify(value) };
};

const keyValues = (attributes: Record<string, unknown>) =>
  Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) }));

const nanos = (date: Date) => (BigInt(date.getTime()) * 1_000_000n).toString();

/**
 * The protobuf body an OpenTelemetry exporter would send for these spans: one ResourceSpans per
 * application, encoded with the OpenTelemetry project's own generated message classes.
 */
export const encodeOtlpBatch = (spans: readonly NormalizedSpan[]): Uint8Array<ArrayBuffer> => {
  const byService = new Map<string, NormalizedSpan[]>();
  for (const span of spans) {
    const list = byService.get(span.serviceName) ?? [];
    list.push(span);
    byService.set(span.serviceName, list);
  }
  const request = {
    resourceSpans: [...byService.values()].map((group) => ({
      resource: { attributes: keyValues(group[0]?.resourceAttributes ?? {}) },
      scopeSpans: [
        {
          scope: { name: 'agentloop-bench', version: '1.0.0' },
          spans: group.map((span) => ({
            traceId: Buffer.from(span.traceId, 'hex'),
            spanId: Buffer.from(span.spanId, 'hex'),
            ...(span.parentSpanId ? { parentSpanId: Buffer.from(span.parentSpanId, 'hex') } : {}),
            name: span.name,
            kind: OTLP_KIND[span.kind] ?? 1,
            startTimeUnixNano: nanos(span.startTime),
            endTimeUnixNano: nanos(span.endTime),
            attributes: keyValues(span.attributes),
            status: { code: OTLP_STATUS[span.status], ...(span.statusMessage ? { message: span.statusMessage } : {}) },
          })),
        },
      ],
    })),
  };
  const type = otlpCollector.trace.v1.ExportTraceServiceRequest;
  // A copy with its own ArrayBuffer: what fetch accepts as a body.
  return new Uint8Array(type.encode(type.fromObject(request)).finish());
};
