import { setMaxListeners } from 'node:events';
import { publishScoresCreated } from '../scores/publish-scores.js';
import { type Claim, type ClaimedDecision, claimLocked, lockTaskState } from './claim-decision.js';
import {
  type EvalOutcome,
  type EvalTaskDeps,
  type EvalTuning,
  type SampleLoad,
  type TaskEvaluator,
  tuningOf,
} from './eval-runtime.js';
import { EVAL_JOBS, loopsOfShard } from './eval-task-jobs.js';
import { type DecisionOutcome, recordOutcomes, type TaskRef } from './record-outcome.js';
import { throttledTaskProgress } from './task-progress.js';

const NO_USAGE = { inputTokens: 0, outputTokens: 0, cost: 0 };

/** Why a claimed candidate has no sample any more. */
const GONE = {
  TRACE: 'the trace no longer exists (deleted or past retention)',
  SPAN: 'the span no longer exists (deleted or past retention)',
  DATASET_RECORD: 'the snapshot no longer exists (it was deleted)',
} as const;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Whether a claimed candidate is evaluated at all, so its sample is worth reading. */
const runnable = (tuning: EvalTuning, evaluator: TaskEvaluator | { unavailable: string }, decision: ClaimedDecision) =>
  decision.attempts <= tuning.maxAttempts && !('unavailable' in evaluator);

/**
 * Evaluates one claimed candidate with its sample from its batch's read (`samples`, rejected when
 * the database failed); never throws for an evaluator's failure, and writes nothing.
 */
const evaluateOne = async (
  tuning: EvalTuning,
  evaluator: TaskEvaluator | { unavailable: string },
  decision: ClaimedDecision,
  samples: Promise<Map<string, SampleLoad>>,
  signal: AbortSignal,
): Promise<DecisionOutcome> => {
  if (decision.attempts > tuning.maxAttempts) {
    const reason = `no result after ${tuning.maxAttempts} attempts: the workers evaluating it stopped`;
    return { kind: 'failed', decision, reason, usage: NO_USAGE };
  }
  if ('unavailable' in evaluator) return { kind: 'failed', decision, reason: evaluator.unavailable, usage: NO_USAGE };
  if (signal.aborted) return { kind: 'release', decision, usage: NO_USAGE };
  const loaded = (await samples).get(decision.id) ?? { status: 'gone' };
  if (loaded.status === 'gone') return { kind: 'failed', decision, reason: GONE[decision.targetType], usage: NO_USAGE };
  if (loaded.status === 'unbuildable') return { kind: 'failed', decision, reason: loaded.reason, usage: NO_USAGE };
  let outcome: EvalOutcome;
  try {
    outcome = await evaluator.evaluate(loaded.sample, signal);
  } catch (error) {
    // The host contains plugin failures; this is the last line in case it did not.
    outcome = { status: 'failed', reason: `evaluation threw: ${message(error)}`, retryable: false, usage: NO_USAGE };
  }
  // A stopping worker hands the candidate back at once (a cancel already recorded it CANCELLED).
  if (signal.aborted) return { kind: 'release', decision, usage: outcome.usage };
  if (outcome.status === 'scored') {
    return { kind: 'scored', decision, target: loaded.target, scores: outcome.scores, usage: outcome.usage };
  }
  if (outcome.retryable && decision.attempts < tuning.maxAttempts) {
    const delayMs = tuning.retryBaseMs * 2 ** (decision.attempts - 1);
    return { kind: 'retry', decision, reason: outcome.reason, delayMs, usage: outcome.usage };
  }
  const reason = decision.attempts > 1 ? `${outcome.reason} (after ${decision.attempts} attempts)` : outcome.reason;
  return { kind: 'failed', decision, reason, usage: outcome.usage };
};

/**
 * One turn of a run job, in one transaction under the task row: records what finished since the
 * last turn (group commit) and claims up to `claimLimit` candidates for the free slots, so the
 * task row is taken once per turn instead of twice per evaluation.
 */
const takeTurn = (deps: EvalTaskDeps, task: TaskRef, leaseMs: number, outcomes: DecisionOutcome[], claimLimit: number) =>
  deps.sql.transaction(async (tx) => {
    const locked = await lockTaskState(tx, task.id);
    const recorded = locked ? await recordOutcomes(tx, task, outcomes) : { settled: 0, scores: [], task: null };
    const state = recorded.task ?? locked;
    const stopped: { claim: Claim; overCap: number } = { claim: { kind: 'stopped' }, overCap: 0 };
    const claimed = claimLimit === 0 ? null : state ? await claimLocked(tx, task.id, state, leaseMs, claimLimit) : stopped;
    return { recorded, claimed };
  });

/**
 * One run job: keeps up to its share of the task's concurrency evaluating at all times. A single
 * coordinator takes a turn (takeTurn) whenever evaluations have finished or slots are free, so
 * judge calls never wait for each other's bookkeeping. It stops when nothing is left or the time
 * budget is spent (then the job re-enqueues itself). A cancel aborts in-flight evaluations; their
 * results are discarded because cancel already recorded those candidates as CANCELLED.
 */
export const runTask = async (deps: EvalTaskDeps, taskId: string, shard: number, stopping?: AbortSignal) => {
  const tuning = tuningOf(deps);
  const row = await deps.prisma.evalTask.findUnique({ where: { id: taskId }, include: { evaluator: true } });
  if (row?.status !== 'RUNNING') return;
  const slots = loopsOfShard(row.concurrency, tuning.loopsPerRunJob, shard);
  if (slots === 0) return;
  const task: TaskRef = { id: row.id, projectId: row.projectId, evaluatorId: row.evaluatorId };
  const evaluator = await deps.evaluators.prepare(row.evaluator).catch((error: unknown) => ({
    unavailable: `evaluator "${row.evaluator.name}" could not be prepared: ${message(error)}`,
  }));
  const leaseMs = row.evaluator.timeoutMs + tuning.leaseMarginMs;
  const deadline = Date.now() + tuning.runBudgetMs;
  const progress = throttledTaskProgress(deps.pubsub, task.projectId, taskId, tuning.progressIntervalMs);

  const controller = new AbortController();
  // Every evaluation in flight listens to it (the judge's HTTP call): that many listeners are expected.
  setMaxListeners(slots + 10, controller.signal);
  const onStop = () => controller.abort(new Error('the worker is stopping'));
  stopping?.addEventListener('abort', onStop, { once: true });
  const watch = setInterval(() => {
    deps.prisma.evalTask
      .findUnique({ where: { id: taskId }, select: { status: true } })
      .then((current) => {
        if (!current || current.status === 'CANCELLED') controller.abort(new Error('the task was cancelled'));
      })
      .catch(() => {});
  }, tuning.cancelPollMs);
  watch.unref();

  const inFlight = new Set<Promise<void>>();
  const finished: DecisionOutcome[] = [];
  /** When the oldest outcome in `finished` arrived, and how long the last turn took (group commit). */
  let firstFinishedAt = 0;
  let lastTurnMs = 0;
  // A turn is worth waiting for until about a quarter of the slots have finished.
  const groupSize = Math.ceil(slots / 4);
  /** Reading a sample failed (the database, not the evaluator): the job fails and the queue retries it. */
  const failures: unknown[] = [];
  let wake: (() => void) | null = null;
  const start = (decision: ClaimedDecision, samples: Promise<Map<string, SampleLoad>>) => {
    const evaluation = evaluateOne(tuning, evaluator, decision, samples, controller.signal)
      .then(
        (outcome) => {
          if (finished.length === 0) firstFinishedAt = performance.now();
          finished.push(outcome);
        },
        (error: unknown) => {
          failures.push(error);
        },
      )
      .finally(() => {
        inFlight.delete(evaluation);
        wake?.();
      });
    inFlight.add(evaluation);
  };
  /** Until an evaluation finishes, or `pollMs` passes (free slots worth trying to fill again). */
  const waitForChange = (pollMs: number | null) =>
    new Promise<void>((resolve) => {
      const timer = pollMs === null ? null : setTimeout(resolve, pollMs);
      wake = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wake = null;
    });

  /**
   * How much longer the finished outcomes should wait for more to join their turn: a turn costs
   * about the same for one outcome as for several (on PGlite ~7 statements of 1–10 ms each, on
   * this thread), and one turn per outcome was most of an evaluation's CPU there. Never while
   * stopping, when nothing else is in flight, or once enough have finished.
   */
  const groupWaitMs = () => {
    if (finished.length === 0 || finished.length >= groupSize || inFlight.size === 0 || controller.signal.aborted) return 0;
    const window = Math.min(lastTurnMs, tuning.groupCommitMaxMs);
    return Math.max(0, window - (performance.now() - firstFinishedAt));
  };

  let outOfTime = false;
  /** Whether this job still takes new candidates; once false it only finishes what it holds. */
  let claiming = true;
  try {
    for (;;) {
      if (failures.length > 0) throw failures[0];
      if (claiming && controller.signal.aborted) claiming = false;
      if (claiming && Date.now() >= deadline) {
        outOfTime = true;
        claiming = false;
      }
      const wait = groupWaitMs();
      if (wait > 0) {
        await waitForChange(wait);
        continue;
      }
      const free = claiming ? slots - inFlight.size : 0;
      let pollMs: number | null = null;
      if (finished.length > 0 || free > 0) {
        const turnBegan = performance.now();
        const { recorded, claimed } = await takeTurn(deps, task, leaseMs, finished.splice(0), free);
        lastTurnMs = performance.now() - turnBegan;
        publishScoresCreated(deps.pubsub, task.projectId, recorded.scores);
        if (recorded.task || (claimed?.overCap ?? 0) > 0) progress.changed();
        const claim = claimed?.claim;
        if (claim?.kind === 'claimed') {
          // One read for the whole batch's samples; the coordinator does not wait for it.
          const toRead = claim.decisions.filter((decision) => runnable(tuning, evaluator, decision));
          const samples = toRead.length === 0 ? Promise.resolve(new Map()) : deps.loadSamples(deps.sql, task.projectId, toRead);
          // Each evaluation awaiting it sees a rejection; this keeps it from also being unhandled.
          samples.catch(() => {});
          for (const decision of claim.decisions) start(decision, samples);
          // Fewer than asked: nothing else is claimable now; look again soon, more may be planned.
          if (claim.decisions.length < free) pollMs = tuning.idlePollMs;
        } else if (claim?.kind === 'stopped') {
          claiming = false;
        } else if (claim?.kind === 'busy' || (claim?.kind === 'empty' && !claim.more)) {
          // Other workers hold the concurrency, or nothing is left: done once what this job holds is
          // recorded (a retry among it makes a later claim find work again).
          if (inFlight.size === 0 && finished.length === 0) break;
        } else if (claim) {
          pollMs = tuning.idlePollMs;
        }
      }
      if (finished.length > 0 || failures.length > 0) continue;
      if (inFlight.size === 0 && !claiming) break;
      // With nothing in flight only the clock can bring a change.
      await waitForChange(inFlight.size === 0 ? (pollMs ?? tuning.idlePollMs) : pollMs);
    }
  } catch (error) {
    // A turn failed (the database): stop the evaluations this job holds; their leases expire and
    // another attempt takes the candidates over.
    controller.abort(error);
    await Promise.allSettled(inFlight);
    throw error;
  } finally {
    clearInterval(watch);
    stopping?.removeEventListener('abort', onStop);
    progress.flush();
  }
  if (outOfTime) await deps.jobs.send(EVAL_JOBS.run, { taskId, shard }, { singletonKey: `run:${taskId}:${shard}` });
};
