import { computeCost } from '../tracing/cost/compute-cost.js';
import { createPlacementIds } from '../tracing/placement-ids.js';
import { type WriteResult, writeSpans } from '../tracing/write-spans.js';
import { acceptOtlpRequest, otlpHandler } from './accept-otlp-request.js';
import { collectSpans } from './collect-spans.js';
import { decodeTraceRequest } from './decode-trace-request.js';
import { fillFromStoredEvents } from './fill-from-stored-events.js';
import { otlpCollector } from './otlp-proto.js';
import type { OtlpReceiverDeps } from './otlp-receiver-deps.js';
import { sendExportResponse } from './otlp-response.js';
import { publishTraceIngested } from './publish-trace-ingested.js';
import { signalEvalTasks } from './signal-eval-tasks.js';

/**
 * `POST /v1/traces`: OTLP/HTTP ExportTraceServiceRequest in protobuf or JSON, optionally gzipped.
 * Answers 200 only after the batch is committed; a refused request writes nothing.
 */
export const createTraceReceiver = (deps: OtlpReceiverDeps) => {
  const now = deps.now ?? Date.now;
  const placementIds = createPlacementIds();
  return otlpHandler(deps, 'traces', async (req, res) => {
    const { principal, encoding, body } = await acceptOtlpRequest(deps, req, 'traces');
    const request = decodeTraceRequest(body, encoding);
    const collected = collectSpans(request, { maxSpans: deps.limits.maxSpans, now: now() });
    let written: WriteResult | undefined;
    if (collected.spans.length > 0) {
      const prices = await deps.prices.get(principal.projectId);
      for (const span of collected.spans) span.cost = computeCost(prices, span);
      await fillFromStoredEvents(deps.sql, principal.projectId, collected.spans);
      written = await writeSpans(deps.sql, principal.projectId, collected.spans, placementIds);
    }
    sendExportResponse(res, encoding, otlpCollector.trace.v1.ExportTraceServiceResponse, 'rejectedSpans', {
      rejected: collected.rejected,
      errorMessage: collected.errorMessage,
    });
    // After the answer: the exporter need not wait for live subscribers (or Redis) to be told.
    if (!written) return;
    await publishTraceIngested(deps, principal.projectId, written.traceIds, written.traces);
    if (deps.jobs) await signalEvalTasks({ ...deps, jobs: deps.jobs }, principal.projectId, written.traces);
  });
};
