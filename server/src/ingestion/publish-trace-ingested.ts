import type { TraceApplication } from '../tracing/refresh-traces.js';
import type { OtlpReceiverDeps } from './otlp-receiver-deps.js';

// Events may cross Redis; a batch touching thousands of traces becomes several small events.
const TRACE_IDS_PER_EVENT = 500;

const applicationsOf = async (
  deps: Pick<OtlpReceiverDeps, 'sql'>,
  projectId: string,
  chunk: string[],
  known: ReadonlyMap<string, string> | undefined,
) => {
  if (known) return [...new Set(chunk.flatMap((traceId) => known.get(traceId) ?? []))];
  const rows = await deps.sql.query<{ applicationId: string }>(
    `SELECT DISTINCT "applicationId" FROM "Trace" WHERE "projectId" = $1 AND "traceId" = ANY($2::text[])`,
    [projectId, chunk],
  );
  return rows.map((row) => row.applicationId);
};

/**
 * Tells live subscribers which traces just changed, after the commit. A failure here is logged,
 * not returned: the data is stored, and an exporter retrying would only resend it. Writers that
 * know each trace's application (`writeSpans` returns it) pass `traces` and save a query.
 */
export const publishTraceIngested = async (
  deps: Pick<OtlpReceiverDeps, 'sql' | 'pubsub' | 'logger'>,
  projectId: string,
  traceIds: string[],
  traces?: readonly TraceApplication[],
) => {
  try {
    const known = traces && new Map(traces.map((trace) => [trace.traceId, trace.applicationId]));
    for (let i = 0; i < traceIds.length; i += TRACE_IDS_PER_EVENT) {
      const chunk = traceIds.slice(i, i + TRACE_IDS_PER_EVENT);
      deps.pubsub.publish('traceIngested', projectId, {
        traceIds: chunk,
        applicationIds: await applicationsOf(deps, projectId, chunk, known),
      });
    }
  } catch (error) {
    deps.logger.warn({ err: error, projectId }, 'could not publish traceIngested');
  }
};
