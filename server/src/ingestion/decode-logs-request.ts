import { decodeOtlpBody, hexIdsAt } from './decode-otlp-body.js';
import { applyLogEventNames, readLogEventNames } from './log-event-names.js';
import type { OtlpEncoding } from './otlp-encoding.js';
import { type ExportLogsRequest, exportLogsRequestSchema } from './otlp-logs-schema.js';
import { otlpCollector } from './otlp-proto.js';

/** An ExportLogsServiceRequest body → its resource/scope structure with records still unvalidated. */
export const decodeLogsRequest = (body: Buffer, encoding: OtlpEncoding): ExportLogsRequest =>
  decodeOtlpBody({
    body,
    encoding,
    messageType: otlpCollector.logs.v1.ExportLogsServiceRequest,
    messageName: 'ExportLogsServiceRequest',
    schema: exportLogsRequestSchema,
    toJsonShape: (decoded) => {
      hexIdsAt(decoded, ['resourceLogs', 'scopeLogs', 'logRecords'], ['traceId', 'spanId']);
      applyLogEventNames(decoded, readLogEventNames(body));
    },
  });
