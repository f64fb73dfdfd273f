import { acceptOtlpRequest, otlpHandler } from './accept-otlp-request.js';
import { collectLogRecords } from './collect-log-records.js';
import { decodeLogsRequest } from './decode-logs-request.js';
import { otlpCollector } from './otlp-proto.js';
import type { OtlpReceiverDeps } from './otlp-receiver-deps.js';
import { sendExportResponse } from './otlp-response.js';
import { publishTraceIngested } from './publish-trace-ingested.js';
import { writeLogRecords } from './write-log-records.js';

/**
 * `POST /v1/logs`: OTLP/HTTP ExportLogsServiceRequest, same encodings, auth and guarantees as
 * traces. GenAI events among the records fill their span's input/output.
 */
export const createLogsReceiver = (deps: OtlpReceiverDeps) => {
  const now = deps.now ?? Date.now;
  return otlpHandler(deps, 'logs', async (req, res) => {
    const { principal, encoding, body } = await acceptOtlpRequest(deps, req, 'logs');
    const request = decodeLogsRequest(body, encoding);
    const collected = collectLogRecords(request, { maxRecords: deps.limits.maxSpans, now: now() });
    const written = await writeLogRecords(deps.sql, principal.projectId, collected.records);
    // Filled spans changed their traces' input/output; live views should refresh them.
    await publishTraceIngested(deps, principal.projectId, written.traceIds);
    sendExportResponse(res, encoding, otlpCollector.logs.v1.ExportLogsServiceResponse, 'rejectedLogRecords', {
      rejected: collected.rejected,
      errorMessage: collected.errorMessage,
    });
  });
};
