import type { EvaluationSample } from '@agentloop/plugin-sdk';
import type { Logger } from 'pino';
import type { SqlClient, SqlSession } from '../../db/sql-client.js';
import type { Evaluator, PrismaClient } from '../../generated/prisma/client.js';
import type { RecordedScore } from '../../plugins/evaluator-run.js';
import type { AppPubSub } from '../../pubsub/create-pubsub.js';
import type { CandidateTargetType } from './candidate-source.js';
import type { EvalJobQueue } from './eval-task-jobs.js';

/**
 * What one evaluation consumed, priced by the host in US dollars: 0 when it made no model call,
 * null when a call could not be priced (the model service has no prices) — never a made-up zero.
 * The task's running cost adds what is known, so a cost cap only sees priced calls.
 */
export type EvalUsage = { inputTokens: number; outputTokens: number; cost: number | null };

/**
 * The host's answer for one sample. Failures are values: a throw, a timeout or an invalid result
 * of a plugin arrives here as `failed` with a reason, never as an exception.
 */
export type EvalOutcome =
  | { status: 'scored'; scores: RecordedScore[]; usage: EvalUsage }
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
export type LoadedTarget = {
  traceId: string | null;
  spanId: string | null;
  applicationId: string | null;
  /** DATASET_RECORD: the record id, the snapshot it was read through and the version it froze. */
  record?: { targetId: string; snapshotId: string; version: number };
};

/** One candidate of a task as the evaluation loop sees it: its decision (id) and target. */
export type CandidateRef = { id: string; targetType: CandidateTargetType; targetId: string; traceId: string | null };

/** What reading one candidate's sample gave. */
export type SampleLoad =
  | { status: 'loaded'; sample: EvaluationSample; target: LoadedTarget }
  /** The target no longer exists (retention, deletion). */
  | { status: 'gone' }
  /** Its stored data could not be made into a sample: that candidate fails, the rest of its batch goes on. */
  | { status: 'unbuildable'; reason: string };

/**
 * Reads the samples of a batch of candidates in a few set-based statements, not a few per
 * candidate; the answer is keyed by decision id, and a candidate missing from it is gone. Rejects
 * only when the database does (the run job fails and the queue retries it).
 */
export type SampleLoader = (sql: SqlSession, projectId: string, candidates: CandidateRef[]) => Promise<Map<string, SampleLoad>>;

/** Everything the eval task engine needs; the server and `agentloop worker` build it the same way. */
export type EvalTaskDeps = {
  prisma: PrismaClient;
  sql: SqlClient;
  pubsub: AppPubSub | null;
  logger: Logger;
  jobs: EvalJobQueue;
  evaluators: EvaluatorHost;
  loadSamples: SampleLoader;
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
  /** Evaluations in flight per run job; a task's concurrency is split over ceil(c / this) jobs. */
  loopsPerRunJob: number;
  /** How long a run job with free slots waits before looking for claimable work again. */
  idlePollMs: number;
  /** A run job publishes its task's progress at most this often (each event costs every subscriber a read). */
  progressIntervalMs: number;
  /** Attempts per candidate for retryable failures (429, timeouts) before FAILED. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt. */
  retryBaseMs: number;
  /** How often an evaluation checks whether its task was cancelled (to abort the judge call). */
  cancelPollMs: number;
  /** Added to the evaluator's timeout for a claim's lease: a lease outlives any evaluation still running. */
  leaseMarginMs: number;
  /**
   * Longest a finished evaluation waits for others to share its turn (group commit); the wait is
   * also never longer than the last turn took, so a fast database barely waits. 0 turns it off.
   */
  groupCommitMaxMs: number;
};

export const DEFAULT_TUNING: EvalTuning = {
  planPageSize: 500,
  planBudgetMs: 10_000,
  maxPending: 5_000,
  runBudgetMs: 30_000,
  loopsPerRunJob: 8,
  idlePollMs: 250,
  progressIntervalMs: 250,
  maxAttempts: 3,
  retryBaseMs: 1_000,
  cancelPollMs: 1_000,
  leaseMarginMs: 30_000,
  groupCommitMaxMs: 20,
};

export const tuningOf = (deps: Pick<EvalTaskDeps, 'tuning'>): EvalTuning => ({ ...DEFAULT_TUNING, ...deps.tuning });
