import type { ScoreResult } from './score-result.js';

/** The outcome of a successful evaluation: one or more scores. */
export interface ScoredResult {
  /** The evaluation produced scores. */
  status: 'scored';
  /** At least one score; every name must be declared by the plugin, each at most once. */
  scores: ScoreResult[];
}

/**
 * The outcome of an evaluation that could not produce a score. Expected failures (a judge that
 * keeps returning garbage, a timeout, an input the plugin cannot handle) are values, not
 * exceptions: the host records the reason in the eval task's decision for that target.
 */
export interface FailedResult {
  /** The evaluation failed. */
  status: 'failed';
  /** Why, in a sentence a user can act on. */
  reason: string;
  /** Whether trying again later may succeed (rate limit, timeout, provider outage). */
  retryable?: boolean;
}

/** What `evaluate` returns: scores, or a recorded failure. Never a made-up score. */
export type EvaluationResult = ScoredResult | FailedResult;

/**
 * Builds a scored result.
 *
 * @example return scored({ name: 'exact-match', value: 1 });
 */
export function scored(...scores: ScoreResult[]): ScoredResult {
  return { status: 'scored', scores };
}

/**
 * Builds a failed result.
 *
 * @example return failed('the judge never returned valid JSON', { retryable: false });
 */
export function failed(reason: string, options: { retryable?: boolean } = {}): FailedResult {
  return options.retryable === undefined
    ? { status: 'failed', reason }
    : { status: 'failed', reason, retryable: options.retryable };
}
