import { context, trace } from '@opentelemetry/api';
import type { LogRecord } from '@opentelemetry/api-logs';
import { OTLPLogExporter as HttpJsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  type ReadableLogRecord,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Encoding } from './otlp-sdk.js';

/** A record to emit, optionally inside a recorded span (so it carries that span's ids). */
export type LogSpec = Omit<LogRecord, 'context'> & { span?: ReadableSpan };

/** Records log records with the real OpenTelemetry logs SDK into memory, to export them later. */
export const recordLogs = async (resource: Record<string, string>, specs: LogSpec[]): Promise<ReadableLogRecord[]> => {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(resource),
    processors: [new SimpleLogRecordProcessor({ exporter: memory })],
  });
  const logger = provider.getLogger('agentloop-test');
  for (const { span, ...record } of specs) {
    logger.emit({ ...record, ...(span ? { context: trace.setSpanContext(context.active(), span.spanContext()) } : {}) });
  }
  await provider.forceFlush();
  const records = memory.getFinishedLogRecords();
  await provider.shutdown();
  return records;
};

// ExportResultCode.SUCCESS of @opentelemetry/core, which is not a direct dependency here.
const EXPORT_SUCCESS = 0;

/** Exports log records with the real OTLP/HTTP log exporter of the given encoding. */
export const exportLogs = async (
  url: string,
  key: string | null,
  encoding: Encoding,
  records: ReadableLogRecord[],
): Promise<{ ok: boolean; error?: Error }> => {
  const config = {
    url: `${url}/v1/logs`,
    headers: (key ? { Authorization: `Bearer ${key}` } : {}) as Record<string, string>,
    timeoutMillis: 10_000,
  };
  const exporter = encoding === 'protobuf' ? new ProtoLogExporter(config) : new HttpJsonLogExporter(config);
  try {
    return await new Promise((resolve) =>
      exporter.export(records, (result) =>
        resolve(result.code === EXPORT_SUCCESS ? { ok: true } : { ok: false, ...(result.error ? { error: result.error } : {}) }),
      ),
    );
  } finally {
    await exporter.shutdown();
  }
};
