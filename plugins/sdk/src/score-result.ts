import type { JudgeCallRecord } from './judge-call-record.js';

/** One score a plugin produced, matching one of its score definitions by `name`. */
export interface ScoreResult {
  /** The declared score's name. */
  name: string;
  /** The value: required for numeric scores (finite, inside the declared range), optional for label scores. */
  value?: number;
  /** The label: required for label scores (one of the declared labels), absent for numeric ones. */
  label?: string;
  /** Why the score is what it is, in words a user can check (a judge's reasoning, which check failed, …). */
  reasoning?: string;
  /** Structured detail kept with the score (e.g. per-item results). Must be JSON-serialisable. */
  metadata?: Record<string, unknown>;
  /** The judge call that produced the score, when a judge did. */
  judge?: JudgeCallRecord;
}
