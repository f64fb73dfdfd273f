import type { Candidate } from './candidate-source.js';
import { samplePoint } from './sampling.js';

export type PlannedKind = 'FILTERED_OUT' | 'SAMPLED_OUT' | 'OVER_CAP' | 'PENDING';

export type PlannedDecision = { candidate: Candidate; decision: PlannedKind; reason: string | null };

/** The task's rules and where it stands, read under the planner's lock on the task row. */
export type PlanState = {
  samplingRate: number;
  maxSamples: number | null;
  costCap: number | null;
  /** Candidates already let through (pending, scored, failed, cancelled): what maxSamples counts. */
  admitted: number;
  cost: number;
};

const usd = (value: number) => `$${value.toFixed(4)}`;

/**
 * Decides a page of candidates in order: filter, then sample, then caps. Pure, so the rules are
 * tested without a database; the planner records the result in one transaction.
 */
export const decideCandidates = (candidates: Candidate[], state: PlanState): PlannedDecision[] => {
  let admitted = state.admitted;
  return candidates.map((candidate) => {
    if (candidate.misses.length > 0) {
      return { candidate, decision: 'FILTERED_OUT', reason: `did not match the task's filter: ${candidate.misses.join(', ')}` };
    }
    if (state.samplingRate < 1) {
      const point = samplePoint(candidate.sampleKey);
      if (point >= state.samplingRate) {
        return {
          candidate,
          decision: 'SAMPLED_OUT',
          reason: `outside the ${state.samplingRate * 100}% sample (hash point ${point.toFixed(4)})`,
        };
      }
    }
    if (state.maxSamples !== null && admitted >= state.maxSamples) {
      return { candidate, decision: 'OVER_CAP', reason: `maxSamples (${state.maxSamples}) reached` };
    }
    if (state.costCap !== null && state.cost >= state.costCap) {
      return { candidate, decision: 'OVER_CAP', reason: costCapReason(state.costCap, state.cost) };
    }
    admitted++;
    return { candidate, decision: 'PENDING', reason: null };
  });
};

export const costCapReason = (cap: number, spent: number) => `cost cap ${usd(cap)} reached (${usd(spent)} spent)`;
