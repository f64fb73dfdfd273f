import type { NormalizedSpan } from '../tracing/normalized-span.js';
import type { OtlpReceiverDeps } from './otlp-receiver-deps.js';

// Events may cross Redis; a batch touching thousands of traces becomes several small events.
const TRACE_IDS_PER_EVENT = 500;

/**
 * Tells live subscribers which traces just changed, after the commit. A failure here is logged,
 * not returned: the spans are stored, and an exporter retrying would only resend them.
 */
export const publishTraceIngested = async (
  deps: Pick<OtlpReceiverDeps, 'sql' | 'pubsub' | 'logger'>,
  projectId: string,
  spans: NormalizedSpan[],
  traceIds: string[],
) => {
  try {
    const names = [...new Set(spans.map((span) => span.serviceName))];
    const applications = await deps.sql.query<{ id: string }>(
      `SELECT id FROM "Application" WHERE "projectId" = $1 AND name = ANY($2::text[])`,
      [projectId, names],
    );
    const applicationIds = applications.map((row) => row.id);
    for (let i = 0; i < traceIds.length; i += TRACE_IDS_PER_EVENT) {
      deps.pubsub.publish('traceIngested', projectId, { traceIds: traceIds.slice(i, i + TRACE_IDS_PER_EVENT), applicationIds });
    }
  } catch (error) {
    deps.logger.warn({ err: error, projectId }, 'could not publish traceIngested');
  }
};
