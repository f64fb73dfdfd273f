import type { Attributes } from '@opentelemetry/api';
import { OTLPTraceExporter as HttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

export type SpanSpec = { name: string; attributes?: Attributes; children?: SpanSpec[]; error?: string };

/**
 * Records spans with the real OpenTelemetry SDK (tracer provider, ids, timings) into memory, so a
 * test can then export exactly those spans, once or twice, through a real OTLP exporter.
 */
export const recordSpans = async (resource: Attributes, specs: SpanSpec[]): Promise<ReadableSpan[]> => {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('agentloop-test');
  const { context, trace, SpanStatusCode } = await import('@opentelemetry/api');
  const emit = (spec: SpanSpec, parent?: ReturnType<typeof tracer.startSpan>) => {
    const ctx = parent ? trace.setSpan(context.active(), parent) : context.active();
    const span = tracer.startSpan(spec.name, { attributes: spec.attributes ?? {} }, ctx);
    for (const child of spec.children ?? []) emit(child, span);
    if (spec.error) span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
    span.end();
  };
  for (const spec of specs) emit(spec);
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
};

export type Encoding = 'protobuf' | 'json';

// ExportResultCode.SUCCESS of @opentelemetry/core, which is not a direct dependency here.
const EXPORT_SUCCESS = 0;

/** Exports spans with the real OTLP/HTTP exporter of the given encoding; resolves its result. */
export const exportSpans = async (
  url: string,
  key: string | null,
  encoding: Encoding,
  spans: ReadableSpan[],
  options: { gzip?: boolean } = {},
): Promise<{ ok: boolean; error?: Error }> => {
  const config = {
    url: `${url}/v1/traces`,
    headers: (key ? { Authorization: `Bearer ${key}` } : {}) as Record<string, string>,
    // Exporters retry retryable failures for a while; tests want the first answer.
    timeoutMillis: 10_000,
    ...(options.gzip ? { compression: 'gzip' as never } : {}),
  };
  const exporter = encoding === 'protobuf' ? new ProtoExporter(config) : new HttpJsonExporter(config);
  try {
    return await new Promise((resolve) =>
      exporter.export(spans, (result) =>
        resolve(result.code === EXPORT_SUCCESS ? { ok: true } : { ok: false, ...(result.error ? { error: result.error } : {}) }),
      ),
    );
  } finally {
    await exporter.shutdown();
  }
};
