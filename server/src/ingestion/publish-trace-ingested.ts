import type { OtlpReceiverDeps } from './otlp-receiver-deps.js';

// Events may cross Redis; a batch touching thousands of traces becomes several small events.
const TRACE_IDS_PER_EVENT = 500;

/**
 * Tells live subscribers which traces just changed, after the commit. A failure here is logged,
 * not returned: the data is stored, and an exporter retrying would only resend it.
 */
export const publishTraceIngested = async (
  deps: Pick<OtlpReceiverDeps, 'sql' | 'pubsub' | 'logger'>,
  projectId: string,
  traceIds: string[],
) => {
  try {
    for (let i = 0; i < traceIds.length; i += TRACE_IDS_PER_EVENT) {
      const chunk = traceIds.slice(i, i + TRACE_IDS_PER_EVENT);
      const applications = await deps.sql.query<{ applicationId: string }>(
        `SELECT DISTINCT "applicationId" FROM "Trace" WHERE "projectId" = $1 AND "traceId" = ANY($2::text[])`,
        [projectId, chunk],
      );
      deps.pubsub.publish('traceIngested', projectId, {
        traceIds: chunk,
        applicationIds: applications.map((a) => a.applicationId),
      });
    }
  } catch (error) {
    deps.logger.warn({ err: error, projectId }, 'could not publish traceIngested');
  }
};
