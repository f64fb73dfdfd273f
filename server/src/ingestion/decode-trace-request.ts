import { idsToHex } from './base64-ids.js';
import type { OtlpEncoding } from './otlp-encoding.js';
import { otlpCollector, PROTO_TO_OBJECT } from './otlp-proto.js';
import { OtlpRequestError } from './otlp-request-error.js';
import { type ExportTraceRequest, exportTraceRequestSchema } from './otlp-trace-schema.js';

const SPAN_ID_FIELDS = ['traceId', 'spanId', 'parentSpanId'] as const;

const fromProtobuf = (body: Buffer): unknown => {
  const type = otlpCollector.trace.v1.ExportTraceServiceRequest;
  const object = type.toObject(type.decode(body), PROTO_TO_OBJECT) as ExportTraceRequest;
  for (const resourceSpans of object.resourceSpans ?? []) {
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) idsToHex(span, SPAN_ID_FIELDS);
    }
  }
  return object;
};

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * An ExportTraceServiceRequest body → its resource/scope structure with spans still unvalidated.
 * Anything wrong above the span level makes the whole request a 400.
 */
export const decodeTraceRequest = (body: Buffer, encoding: OtlpEncoding): ExportTraceRequest => {
  let raw: unknown;
  try {
    raw = encoding === 'protobuf' ? fromProtobuf(body) : JSON.parse(body.toString('utf8'));
  } catch (error) {
    const what = encoding === 'protobuf' ? 'protobuf ExportTraceServiceRequest' : 'JSON';
    throw new OtlpRequestError(400, `Malformed ${what}: ${describe(error)}`, { cause: error });
  }
  let parsed: ReturnType<typeof exportTraceRequestSchema.safeParse>;
  try {
    parsed = exportTraceRequestSchema.safeParse(raw);
  } catch (error) {
    // Absurdly deep nesting overflows the stack of the recursive AnyValue schema.
    throw new OtlpRequestError(400, `Invalid ExportTraceServiceRequest: ${describe(error)}`, { cause: error });
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OtlpRequestError(
      400,
      `Invalid ExportTraceServiceRequest at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
    );
  }
  return parsed.data;
};
