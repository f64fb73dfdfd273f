import { decodeOtlpBody, hexIdsAt } from './decode-otlp-body.js';
import type { OtlpEncoding } from './otlp-encoding.js';
import { otlpCollector } from './otlp-proto.js';
import { type ExportTraceRequest, exportTraceRequestSchema } from './otlp-trace-schema.js';

/** An ExportTraceServiceRequest body → its resource/scope structure with spans still unvalidated. */
export const decodeTraceRequest = (body: Buffer, encoding: OtlpEncoding): ExportTraceRequest =>
  decodeOtlpBody({
    body,
    encoding,
    messageType: otlpCollector.trace.v1.ExportTraceServiceRequest,
    messageName: 'ExportTraceServiceRequest',
    schema: exportTraceRequestSchema,
    toJsonShape: (decoded) => hexIdsAt(decoded, ['resourceSpans', 'scopeSpans', 'spans'], ['traceId', 'spanId', 'parentSpanId']),
  });
