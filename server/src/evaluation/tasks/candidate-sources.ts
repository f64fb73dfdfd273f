import type { EvalDataSource } from '../../generated/prisma/enums.js';
import type { CandidateSource } from './candidate-source.js';
import { snapshotCandidates } from './snapshot-candidates.js';
import { spanCandidates } from './span-candidates.js';
import { traceCandidates } from './trace-candidates.js';

/** The data-source seam: EXPERIMENT adds its source here. */
export const candidateSources: Record<EvalDataSource, CandidateSource> = {
  TRACES: traceCandidates,
  SPANS: spanCandidates,
  DATASET_SNAPSHOT: snapshotCandidates,
};
