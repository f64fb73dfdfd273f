import type { IncomingMessage, ServerResponse } from 'node:http';
import { computeCost } from '../tracing/cost/compute-cost.js';
import { writeSpans } from '../tracing/write-spans.js';
import { authenticateIngest } from './authenticate-ingest.js';
import { collectSpans } from './collect-spans.js';
import { decodeTraceRequest } from './decode-trace-request.js';
import { otlpEncodingOf } from './otlp-encoding.js';
import { otlpCollector } from './otlp-proto.js';
import type { OtlpReceiverDeps } from './otlp-receiver-deps.js';
import { OtlpRequestError } from './otlp-request-error.js';
import { sendExportResponse, sendOtlpError } from './otlp-response.js';
import { publishTraceIngested } from './publish-trace-ingested.js';
import { readBody } from './read-body.js';

/**
 * `POST /v1/traces`: OTLP/HTTP ExportTraceServiceRequest in protobuf or JSON, optionally gzipped.
 * Answers 200 only after the batch is committed; a refused request writes nothing.
 */
export const createTraceReceiver = (deps: OtlpReceiverDeps) => {
  const now = deps.now ?? Date.now;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') throw new OtlpRequestError(405, 'Use POST to export traces');
    const encoding = otlpEncodingOf(req.headers['content-type']);
    if (!encoding) {
      throw new OtlpRequestError(
        415,
        `Unsupported Content-Type "${req.headers['content-type'] ?? ''}": send application/x-protobuf or application/json`,
      );
    }
    const principal = await authenticateIngest(deps.prisma, req);
    const body = await readBody(req, deps.limits.maxBodyBytes);
    const request = decodeTraceRequest(body, encoding);
    const collected = collectSpans(request, { maxSpans: deps.limits.maxSpans, now: now() });
    if (collected.spans.length > 0) {
      const prices = await deps.prices.get(principal.projectId);
      for (const span of collected.spans) span.cost = computeCost(prices, span);
      const written = await writeSpans(deps.sql, principal.projectId, collected.spans);
      await publishTraceIngested(deps, principal.projectId, collected.spans, written.traceIds);
    }
    sendExportResponse(res, encoding, otlpCollector.trace.v1.ExportTraceServiceResponse, 'rejectedSpans', {
      rejected: collected.rejected,
      errorMessage: collected.errorMessage,
    });
  };
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      await handle(req, res);
    } catch (error) {
      if (error instanceof OtlpRequestError) {
        // Unread body bytes would otherwise sit in the socket of a keep-alive connection.
        if (!req.readableEnded) req.resume();
        return sendOtlpError(res, error.status, error.message);
      }
      deps.logger.error({ err: error }, 'OTLP trace export failed');
      if (!res.headersSent) sendOtlpError(res, 503, 'The server could not store the spans; retry later');
    }
  };
};
