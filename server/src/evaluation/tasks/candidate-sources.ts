import type { EvalDataSource } from '../../generated/prisma/enums.js';
import type { CandidateSource } from './candidate-source.js';
import { spanCandidates } from './span-candidates.js';
import { traceCandidates } from './trace-candidates.js';

/** The data-source seam: DATASET_SNAPSHOT and EXPERIMENT add their sources here. */
export const candidateSources: Record<EvalDataSource, CandidateSource> = {
  TRACES: traceCandidates,
  SPANS: spanCandidates,
};
