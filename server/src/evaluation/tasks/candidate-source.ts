import type { EvalTask, PrismaClient } from '../../generated/prisma/client.js';

/** What a candidate is; scores about it attach with the same target type. */
export type CandidateTargetType = 'TRACE' | 'SPAN' | 'DATASET_RECORD';

/**
 * One thing a task could evaluate, with what the planner needs to decide about it. Dataset
 * snapshot records and experiment samples join as further sources with the same shape.
 */
export type Candidate = {
  targetType: CandidateTargetType;
  /** The decision's target id: the OpenTelemetry trace id (TRACE), the span row id (SPAN) or the record id (DATASET_RECORD). */
  targetId: string;
  traceId: string | null;
  /** Hashed for sampling: stable across tasks and re-ingestion. */
  sampleKey: string;
  /** The filter conditions the candidate did not meet; empty when it matches. */
  misses: string[];
  /** Keyset position (as text) of the candidate in the source's scan order. */
  position: string[];
};

/**
 * Pages a task's candidates in a fixed order after a keyset position, so planning memory stays
 * bounded however many millions of spans match, and a crashed planner resumes where it stopped.
 */
export interface CandidateSource {
  page(prisma: PrismaClient, task: EvalTask, after: string[] | null, limit: number, now: Date): Promise<Candidate[]>;
}
