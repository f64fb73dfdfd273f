import { keyValuesToRecord } from './any-value.js';
import { decodeOtlpBody } from './decode-otlp-body.js';
import type { OtlpEncoding } from './otlp-encoding.js';
import { otlpCollector } from './otlp-proto.js';
import { OtlpRequestError } from './otlp-request-error.js';
import { exportTraceRequestSchema } from './otlp-trace-schema.js';
import { type ProtoKeyValue, protoKeyValuesToRecord } from './proto-values.js';
import { validateProtoSpan } from './validate-proto-span.js';
import { type SpanValidator, validateSpan } from './validate-span.js';

/** A request's spans grouped by resource, still unvalidated, with the validator for their encoding. */
export type DecodedTraceRequest = {
  resources: { attributes: Record<string, unknown>; spans: unknown[] }[];
  validateSpan: SpanValidator;
};

type ProtoTraceRequest = {
  resourceSpans?: {
    resource?: { attributes?: ProtoKeyValue[] | null } | null;
    scopeSpans?: { spans?: unknown[] | null }[] | null;
  }[];
};

const decodeProtobuf = (body: Buffer): DecodedTraceRequest => {
  try {
    const decoded = otlpCollector.trace.v1.ExportTraceServiceRequest.decode(body) as ProtoTraceRequest;
    return {
      // Inside the try: absurdly deep resource attributes overflow the stack here too.
      resources: (decoded.resourceSpans ?? []).map((resourceSpans) => ({
        attributes: protoKeyValuesToRecord(resourceSpans.resource?.attributes),
        spans: (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) => scopeSpans.spans ?? []),
      })),
      validateSpan: validateProtoSpan,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OtlpRequestError(400, `Malformed protobuf ExportTraceServiceRequest: ${reason}`, { cause: error });
  }
};

/**
 * An ExportTraceServiceRequest body → its spans per resource, unvalidated. Protobuf is decoded with
 * the OpenTelemetry generated module and its messages are read as they are (no `toObject`, no
 * schema pass: the decoder guarantees the types); OTLP/JSON is checked with zod down to the span
 * list, and each span later with its own schema, so one bad span rejects only itself.
 */
export const decodeTraceRequest = (body: Buffer, encoding: OtlpEncoding): DecodedTraceRequest => {
  if (encoding === 'protobuf') return decodeProtobuf(body);
  const request = decodeOtlpBody({
    body,
    encoding,
    messageType: otlpCollector.trace.v1.ExportTraceServiceRequest,
    messageName: 'ExportTraceServiceRequest',
    schema: exportTraceRequestSchema,
    toJsonShape: () => {},
  });
  return {
    resources: (request.resourceSpans ?? []).map((resourceSpans) => ({
      attributes: keyValuesToRecord(resourceSpans.resource?.attributes),
      spans: (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) => scopeSpans.spans ?? []),
    })),
    validateSpan,
  };
};
