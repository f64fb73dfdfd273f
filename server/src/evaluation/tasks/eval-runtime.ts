import type { EvaluationSample, ScoreResult } from '@agentloop/plugin-sdk';
import type { Logger } from 'pino';
import type { SqlClient } from '../../db/sql-client.js';
import type { Evaluator, PrismaClient } from '../../generated/prisma/client.js';
import type { AppPubSub } from '../../pubsub/create-pubsub.js';
import type { EvalJobQueue } from './eval-task-jobs.js';

/** What one evaluation consumed, already priced by the host (US dollars). */
export type EvalUsage = { inputTokens: number; outputTokens: number; cost: number };

/**
 * The host's answer for one sample. Failures are values: a throw, a timeout or an invalid result
 * of a plugin arrives here as `failed` with a reason, never as an exception.
 */
export type EvalOutcome =
  | { status: 'scored'; scores: ScoreResult[]; usage: EvalUsage }
  | { status: 'failed'; reason: string; retryable: boolean; usage: EvalUsage };

/** A configured evaluator, ready to run on samples of one task. */
export interface TaskEvaluator {
  evaluate(sample: EvaluationSample, signal: AbortSignal): Promise<EvalOutcome>;
}

/**
 * The plugin host seen from eval tasks: turns a configured Evaluator row into something that runs,
 * or says why it cannot (unknown plugin, missing model service) so every candidate records why.
 */
export interface EvaluatorHost {
  prepare(evaluator: Evaluator): Promise<TaskEvaluator | { unavailable: string }>;
}

/** Where a score attaches, as read with the sample. */
export type LoadedTarget = { traceId: string | null; spanId: string | null; applicationId: string | null };

/** One candidate of a task as the evaluation loop sees it. */
export type CandidateRef = { targetType: 'TRACE' | 'SPAN'; targetId: string; traceId: string | null };

/** Reads the sample of one candidate; null when the target is gone (retention, deletion). */
export type SampleLoader = (
  db: PrismaClient,
  projectId: string,
  candidate: CandidateRef,
) => Promise<{ sample: EvaluationSample; target: LoadedTarget } | null>;

/** Everything the eval task engine needs; the server and `agentloop worker` build it the same way. */
export type EvalTaskDeps = {
  prisma: PrismaClient;
  sql: SqlClient;
  pubsub: AppPubSub | null;
  logger: Logger;
  jobs: EvalJobQueue;
  evaluators: EvaluatorHost;
  loadSample: SampleLoader;
  /** Tuning; tests shorten the budgets. */
  tuning?: Partial<EvalTuning>;
};

export type EvalTuning = {
  /** Candidates read and decided per planning transaction. */
  planPageSize: number;
  /** A planning job re-enqueues itself after this long, so one huge task never hogs a worker. */
  planBudgetMs: number;
  /** Planning waits while this many candidates are still pending (memory and cap accuracy). */
  maxPending: number;
  /** A run job re-enqueues itself after this long. */
  runBudgetMs: number;
  /** Parallel evaluation loops per run job; a task's concurrency is split over ceil(c / this) jobs. */
  loopsPerRunJob: number;
  /** How long a run loop waits before looking for work again. */
  idlePollMs: number;
  /** Attempts per candidate for retryable failures (429, timeouts) before FAILED. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt. */
  retryBaseMs: number;
  /** How often an evaluation checks whether its task was cancelled (to abort the judge call). */
  cancelPollMs: number;
  /** Added to the evaluator's timeout for a claim's lease: a lease outlives any evaluation still running. */
  leaseMarginMs: number;
};

export const DEFAULT_TUNING: EvalTuning = {
  planPageSize: 500,
  planBudgetMs: 10_000,
  maxPending: 5_000,
  runBudgetMs: 30_000,
  loopsPerRunJob: 8,
  idlePollMs: 250,
  maxAttempts: 3,
  retryBaseMs: 1_000,
  cancelPollMs: 1_000,
  leaseMarginMs: 30_000,
};

export const tuningOf = (deps: Pick<EvalTaskDeps, 'tuning'>): EvalTuning => ({ ...DEFAULT_TUNING, ...deps.tuning });
