import type { NormalizedSpan } from '../../server/src/tracing/normalized-span.js';
import { encodeSpanCopyRows } from '../../server/src/tracing/span-copy-rows.js';

export { COPY_SPANS_SQL } from '../../server/src/tracing/span-copy-rows.js';

/** Where the spans' applications and deployments already live: COPY cannot create them. */
export type CopyTargets = { projectId: string; applicationIds: Map<string, string>; deploymentIds: Map<string, string> };

/**
 * Encodes spans as COPY text-format rows with the server's own encoder (the one ingestion uses),
 * so the raw COPY baseline loads exactly the bytes the ingest path would.
 */
export const encodeCopyRows = (spans: readonly NormalizedSpan[], targets: CopyTargets): Buffer =>
  encodeSpanCopyRows(
    targets.projectId,
    spans,
    spans.map(({ serviceName }) => {
      const applicationId = targets.applicationIds.get(serviceName);
      if (!applicationId) throw new Error(`no application row for ${serviceName}`);
      return { applicationId, deploymentId: targets.deploymentIds.get(serviceName) ?? null };
    }),
  );
