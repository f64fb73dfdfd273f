import { publishScoresCreated } from '../scores/publish-scores.js';
import { type ClaimedDecision, claimNext } from './claim-decision.js';
import { type EvalOutcome, type EvalTaskDeps, type EvalTuning, type TaskEvaluator, tuningOf } from './eval-runtime.js';
import { EVAL_JOBS, loopsOfShard } from './eval-task-jobs.js';
import { type Recorded, recordFailed, recordRetry, recordScored, releaseClaim, type TaskRef } from './record-outcome.js';
import { publishTaskProgress } from './task-progress.js';

const NO_USAGE = { inputTokens: 0, outputTokens: 0, cost: 0 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Evaluates one claimed candidate and records the outcome; never throws for an evaluator's failure. */
const evaluateOne = async (
  deps: EvalTaskDeps,
  tuning: EvalTuning,
  task: TaskRef,
  evaluator: TaskEvaluator | { unavailable: string },
  decision: ClaimedDecision,
  signal: AbortSignal,
) => {
  const record = (work: Parameters<typeof deps.sql.transaction<Recorded>>[0]) => deps.sql.transaction(work);
  if (decision.attempts > tuning.maxAttempts) {
    return record((tx) =>
      recordFailed(
        tx,
        task,
        decision,
        `no result after ${tuning.maxAttempts} attempts: the workers evaluating it stopped`,
        NO_USAGE,
      ),
    );
  }
  if ('unavailable' in evaluator) return record((tx) => recordFailed(tx, task, decision, evaluator.unavailable, NO_USAGE));
  if (signal.aborted) return record((tx) => releaseClaim(tx, task, decision, NO_USAGE));
  const loaded = await deps.loadSample(deps.prisma, task.projectId, decision);
  if (!loaded) {
    const what = decision.targetType === 'TRACE' ? 'trace' : 'span';
    return record((tx) => recordFailed(tx, task, decision, `the ${what} no longer exists (deleted or past retention)`, NO_USAGE));
  }
  let outcome: EvalOutcome;
  try {
    outcome = await evaluator.evaluate(loaded.sample, signal);
  } catch (error) {
    // The host contains plugin failures; this is the last line in case it did not.
    outcome = { status: 'failed', reason: `evaluation threw: ${message(error)}`, retryable: false, usage: NO_USAGE };
  }
  // A stopping worker hands the candidate back at once (a cancel already recorded it CANCELLED).
  if (signal.aborted) return record((tx) => releaseClaim(tx, task, decision, outcome.usage));
  if (outcome.status === 'scored') {
    return record((tx) => recordScored(tx, task, decision, loaded.target, outcome.scores, outcome.usage));
  }
  if (outcome.retryable && decision.attempts < tuning.maxAttempts && !signal.aborted) {
    const delay = tuning.retryBaseMs * 2 ** (decision.attempts - 1);
    return record((tx) => recordRetry(tx, task, decision, outcome.reason, delay, outcome.usage));
  }
  const reason = decision.attempts > 1 ? `${outcome.reason} (after ${decision.attempts} attempts)` : outcome.reason;
  return record((tx) => recordFailed(tx, task, decision, reason, outcome.usage));
};

/**
 * One run job: up to its share of the task's concurrency in parallel loops, each claiming a
 * pending candidate, evaluating it and recording the result, until nothing is left or the time
 * budget is spent (then the job re-enqueues itself). A cancel aborts in-flight evaluations; their
 * results are discarded because cancel already recorded those candidates as CANCELLED.
 */
export const runTask = async (deps: EvalTaskDeps, taskId: string, shard: number, stopping?: AbortSignal) => {
  const tuning = tuningOf(deps);
  const row = await deps.prisma.evalTask.findUnique({ where: { id: taskId }, include: { evaluator: true } });
  if (row?.status !== 'RUNNING') return;
  const loops = loopsOfShard(row.concurrency, tuning.loopsPerRunJob, shard);
  if (loops === 0) return;
  const task: TaskRef = { id: row.id, projectId: row.projectId, evaluatorId: row.evaluatorId };
  const evaluator = await deps.evaluators.prepare(row.evaluator).catch((error: unknown) => ({
    unavailable: `evaluator "${row.evaluator.name}" could not be prepared: ${message(error)}`,
  }));
  const leaseMs = row.evaluator.timeoutMs + tuning.leaseMarginMs;
  const deadline = Date.now() + tuning.runBudgetMs;

  const controller = new AbortController();
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

  let outOfTime = false;
  const loop = async () => {
    while (!controller.signal.aborted) {
      if (Date.now() >= deadline) {
        outOfTime = true;
        return;
      }
      const { claim, overCap } = await claimNext(deps, taskId, leaseMs);
      if (overCap > 0) publishTaskProgress(deps.pubsub, task.projectId, taskId);
      if (claim.kind === 'stopped' || claim.kind === 'busy') return;
      if (claim.kind === 'empty' && !claim.more) return;
      if (claim.kind !== 'claimed') {
        await sleep(tuning.idlePollMs);
        continue;
      }
      const result = await evaluateOne(deps, tuning, task, evaluator, claim.decision, controller.signal);
      publishScoresCreated(deps.pubsub, task.projectId, result.scores);
      publishTaskProgress(deps.pubsub, task.projectId, taskId);
    }
  };
  try {
    await Promise.all(Array.from({ length: loops }, loop));
  } finally {
    clearInterval(watch);
    stopping?.removeEventListener('abort', onStop);
  }
  if (outOfTime) await deps.jobs.send(EVAL_JOBS.run, { taskId, shard }, { singletonKey: `run:${taskId}:${shard}` });
};
