import { plugins as codeChecks } from '@agentloop/evaluator-code-checks';
import { defineEvaluator, failed, PLUGIN_API_VERSION, type Plugin, scored, toText, z } from '@agentloop/plugin-sdk';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Principal } from '../server/src/auth/principal.js';
import { createDataset } from '../server/src/datasets/datasets.js';
import { createDatasetRecords } from '../server/src/datasets/record-mutations.js';
import { createSnapshot } from '../server/src/datasets/snapshots.js';
import { claimDecisions } from '../server/src/evaluation/tasks/claim-decision.js';
import type { EvalTaskDeps } from '../server/src/evaluation/tasks/eval-runtime.js';
import type { CreateEvalTaskInput } from '../server/src/evaluation/tasks/eval-task-input.js';
import { evalTaskTick, tracesCommitted } from '../server/src/evaluation/tasks/eval-task-signals.js';
import { cancelEvalTask, createEvalTask, pauseEvalTask, resumeEvalTask } from '../server/src/evaluation/tasks/eval-tasks.js';
import { planTask } from '../server/src/evaluation/tasks/plan-task.js';
import { builtOrUnbuildable } from '../server/src/evaluation/tasks/sample-build-failure.js';
import { loadTaskSamples } from '../server/src/evaluation/tasks/sample-loader.js';
import { sampledIn } from '../server/src/evaluation/tasks/sampling.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { inlineJobs } from './support/eval-inline-jobs.js';
import { pluginTestHost } from './support/eval-test-host.js';
import { hexId, makeSpan } from './support/span-factory.js';
import { useProjectDatabase } from './support/test-database.js';

const T0 = new Date('2026-11-20T10:00:00.000Z');

/** Reports $0.01 per evaluation; fails retryably on the first attempt of outputs marked "flaky". */
const attemptsByTarget = new Map<string, number>();
const metered = defineEvaluator({
  name: 'metered',
  version: '1.0.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Scores output length; costs one cent.',
  configSchema: z.object({ failRetryable: z.boolean().default(false) }),
  inputs: { required: ['output'] },
  scores: [{ name: 'length', kind: 'numeric', range: { min: 0, max: 1_000_000 }, higherIsBetter: true }],
  async evaluate({ sample, config, usage }) {
    usage.report({ inputTokens: 10, outputTokens: 5, costUsd: 0.01 });
    const attempt = (attemptsByTarget.get(sample.target.id) ?? 0) + 1;
    attemptsByTarget.set(sample.target.id, attempt);
    const text = toText(sample.output);
    if (config.failRetryable) return failed('judge answered 429', { retryable: true });
    if (text.includes('flaky') && attempt === 1) return failed('judge answered 429', { retryable: true });
    return scored({ name: 'length', value: text.length });
  },
});

/** Reports tokens it cannot price (a judge whose model service has no prices). */
const unpriced = defineEvaluator({
  name: 'unpriced',
  version: '1.0.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Reports tokens without a price.',
  configSchema: z.object({}),
  inputs: { required: [] },
  scores: [{ name: 'unpriced', kind: 'numeric', range: { min: 0, max: 1 }, higherIsBetter: true }],
  async evaluate({ usage }) {
    usage.report({ inputTokens: 7, outputTokens: 3 });
    return scored({ name: 'unpriced', value: 1 });
  },
});

let onEvaluate: (() => Promise<void>) | null = null;
const hook = defineEvaluator({
  name: 'hooked',
  version: '1.0.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Runs a test hook mid-evaluation.',
  configSchema: z.object({}),
  inputs: { required: [] },
  scores: [{ name: 'hooked', kind: 'numeric', range: { min: 0, max: 1 }, higherIsBetter: true }],
  async evaluate() {
    await onEvaluate?.();
    return scored({ name: 'hooked', value: 1 });
  },
});

const PLUGINS: readonly Plugin[] = [...codeChecks, metered, unpriced, hook];

describe('eval task engine (domain level, inline jobs)', () => {
  const ctx = useProjectDatabase();
  let principal: Principal;
  let actor: Actor;
  let queue: ReturnType<typeof inlineJobs>;
  let deps: EvalTaskDeps;
  let applicationId: string;
  const traceIds: string[] = [];

  const evaluator = async (name: string, pluginName: string, config: object = {}, timeoutMs = 10_000) =>
    (
      await ctx.db.prisma.evaluator.create({
        data: { projectId: ctx.projectId, name, pluginName, config, timeoutMs },
      })
    ).id;

  const create = (input: Partial<CreateEvalTaskInput> & { evaluatorId: string }) =>
    createEvalTask({ ...deps, jobs: queue.jobs }, principal, actor, {
      name: 'task',
      dataSource: 'TRACES',
      applicationId,
      mode: 'HISTORICAL',
      from: T0,
      to: new Date(T0.getTime() + 3_600_000),
      ...input,
    });

  const decisionsOf = async (taskId: string) =>
    ctx.db.prisma.evalDecision.findMany({ where: { taskId }, orderBy: { targetId: 'asc' } });

  /** The counters must always agree with the decisions table. */
  const expectConsistent = async (taskId: string) => {
    const task = await ctx.db.prisma.evalTask.findUniqueOrThrow({ where: { id: taskId } });
    const groups = await ctx.db.prisma.evalDecision.groupBy({ by: ['decision'], where: { taskId }, _count: true });
    const count = (kind: string) => groups.find((g) => g.decision === kind)?._count ?? 0;
    expect({
      filteredOut: task.filteredOut,
      sampledOut: task.sampledOut,
      overCap: task.overCap,
      pending: task.pending,
      scored: task.scored,
      failed: task.failed,
      cancelled: task.cancelled,
    }).toEqual({
      filteredOut: count('FILTERED_OUT'),
      sampledOut: count('SAMPLED_OUT'),
      overCap: count('OVER_CAP'),
      pending: count('PENDING'),
      scored: count('SCORED'),
      failed: count('FAILED'),
      cancelled: count('CANCELLED'),
    });
    return task;
  };

  beforeAll(async () => {
    const project = await ctx.db.prisma.project.findUniqueOrThrow({ where: { id: ctx.projectId } });
    principal = {
      apiKeyId: '00000000-0000-7000-8000-000000000001',
      apiKeyName: 'test',
      projectId: ctx.projectId,
      organizationId: project.organizationId,
      role: 'admin',
      organizationAdmin: false,
    };
    actor = { apiKeyId: null, organizationId: project.organizationId, projectId: ctx.projectId, requestId: null };
    // 20 traces of one application, 10 minutes apart: every other output mentions a refund, every
    // fourth trace failed.
    const spans = Array.from({ length: 20 }, (_, i) => {
      const traceId = hexId(16);
      traceIds.push(traceId);
      const start = new Date(T0.getTime() + i * 60_000);
      return makeSpan({
        traceId,
        serviceName: 'support-agent',
        name: `turn ${i}`,
        startTime: start,
        endTime: new Date(start.getTime() + 500),
        input: `question ${i}`,
        output: i % 2 === 0 ? `you get a refund (${i})` : `no luck (${i})`,
        status: i % 4 === 0 ? 'ERROR' : 'OK',
      });
    });
    // Another application's traces in the same window are never candidates.
    spans.push(makeSpan({ serviceName: 'other-app', startTime: T0, endTime: new Date(T0.getTime() + 1), output: 'refund' }));
    await writeSpans(ctx.db.sql, ctx.projectId, spans);
    applicationId = (await ctx.db.prisma.application.findFirstOrThrow({ where: { name: 'support-agent' } })).id;
  });

  const fresh = (tuning: EvalTaskDeps['tuning'] = {}) => {
    queue = inlineJobs();
    deps = {
      prisma: ctx.db.prisma,
      sql: ctx.db.sql,
      pubsub: null,
      logger: pino({ level: 'silent' }),
      jobs: queue.jobs,
      evaluators: pluginTestHost(PLUGINS),
      loadSamples: loadTaskSamples,
      tuning: { planPageSize: 7, runBudgetMs: 5_000, idlePollMs: 10, retryBaseMs: 10, cancelPollMs: 50, ...tuning },
    };
  };

  it('backfills a time range: filter → FILTERED_OUT with the failed condition, the rest scored by a code check', async () => {
    fresh();
    const evaluatorId = await evaluator('mentions refund', 'contains', { values: ['refund'] });
    const task = await create({ evaluatorId, traceFilter: { hasError: false }, concurrency: 3 });
    await queue.drain(deps);
    const done = await expectConsistent(task.id);
    expect(done).toMatchObject({ status: 'COMPLETED', planned: true, filteredOut: 5, scored: 15, pending: 0 });
    const decisions = await decisionsOf(task.id);
    expect(decisions).toHaveLength(20);
    expect(decisions.filter((d) => d.decision === 'FILTERED_OUT').map((d) => d.reason)).toEqual(
      Array(5).fill("did not match the task's filter: hasError"),
    );
    const scores = await ctx.db.prisma.score.findMany({ where: { taskId: task.id } });
    expect(scores).toHaveLength(15);
    for (const score of scores) {
      const i = traceIds.indexOf(score.traceId ?? '');
      expect(score).toMatchObject({ name: 'contains', value: i % 2 === 0 ? 1 : 0, source: 'CODE', evaluatorId, applicationId });
    }
  });

  it('samples the same targets for two evaluators at the same rate', async () => {
    fresh();
    const a = await create({ evaluatorId: await evaluator('a', 'contains', { values: ['refund'] }), samplingRate: 0.5 });
    const b = await create({ evaluatorId: await evaluator('b', 'json-validity'), samplingRate: 0.5 });
    await queue.drain(deps);
    const kept = async (taskId: string) =>
      (await decisionsOf(taskId)).filter((d) => d.decision !== 'SAMPLED_OUT').map((d) => d.targetId);
    const expected = [...traceIds].sort().filter((id) => sampledIn(id, 0.5));
    expect(await kept(a.id)).toEqual(expected);
    expect(await kept(b.id)).toEqual(expected);
    expect((await expectConsistent(a.id)).sampledOut).toBe(20 - expected.length);
    await expectConsistent(b.id);
  });

  it('stops at maxSamples and at the cost cap with OVER_CAP decisions, and counts tokens and cost', async () => {
    fresh();
    const capped = await create({ evaluatorId: await evaluator('m1', 'metered'), maxSamples: 4 });
    const costly = await create({ evaluatorId: await evaluator('m2', 'metered'), costCap: 0.03, concurrency: 1 });
    await queue.drain(deps);
    expect(await expectConsistent(capped.id)).toMatchObject({ status: 'COMPLETED', scored: 4, overCap: 16 });
    expect((await decisionsOf(capped.id)).find((d) => d.decision === 'OVER_CAP')?.reason).toBe('maxSamples (4) reached');
    const spent = await expectConsistent(costly.id);
    expect(spent).toMatchObject({ status: 'COMPLETED', scored: 3, overCap: 17, inputTokens: 30, outputTokens: 15 });
    expect(Number(spent.cost)).toBeCloseTo(0.03);
    expect((await decisionsOf(costly.id)).find((d) => d.decision === 'OVER_CAP')?.reason).toMatch(/^cost cap \$0\.0300 reached/);
  });

  it('retries retryable failures with backoff, then records FAILED with the reason; an unknown plugin fails every candidate', async () => {
    fresh();
    const retried = await create({ evaluatorId: await evaluator('r', 'metered', { failRetryable: true }), maxSamples: 2 });
    const unknown = await create({ evaluatorId: await evaluator('u', 'no-such-plugin'), maxSamples: 2 });
    await queue.drain(deps);
    expect(await expectConsistent(retried.id)).toMatchObject({ status: 'COMPLETED', failed: 2 });
    const failedOnes = (await decisionsOf(retried.id)).filter((d) => d.decision === 'FAILED');
    expect(failedOnes.map((d) => [d.reason, d.attempts])).toEqual([
      ['judge answered 429 (after 3 attempts)', 3],
      ['judge answered 429 (after 3 attempts)', 3],
    ]);
    expect(await expectConsistent(unknown.id)).toMatchObject({ failed: 2 });
    expect((await decisionsOf(unknown.id)).find((d) => d.decision === 'FAILED')?.reason).toBe(
      'plugin "no-such-plugin" is not loaded on this server (see the `plugins` query)',
    );
  });

  it('records cost as 0 without a model call, as priced when priced, and null (never a made-up 0) when unpriced', async () => {
    fresh();
    const free = await create({ evaluatorId: await evaluator('free', 'contains', { values: ['refund'] }), maxSamples: 2 });
    const priced = await create({ evaluatorId: await evaluator('priced', 'metered'), maxSamples: 2 });
    const unknown = await create({ evaluatorId: await evaluator('unknown', 'unpriced'), maxSamples: 2 });
    await queue.drain(deps);
    const costs = async (taskId: string) =>
      (await decisionsOf(taskId)).filter((d) => d.decision === 'SCORED').map((d) => (d.cost === null ? null : Number(d.cost)));
    expect(await costs(free.id)).toEqual([0, 0]);
    expect(await costs(priced.id)).toEqual([0.01, 0.01]);
    expect(await costs(unknown.id)).toEqual([null, null]);
    // The task's running cost adds only what is known; its tokens count either way.
    expect(await expectConsistent(unknown.id)).toMatchObject({ status: 'COMPLETED', inputTokens: 14, outputTokens: 6 });
    expect(Number((await expectConsistent(unknown.id)).cost)).toBe(0);
    expect(Number((await expectConsistent(priced.id)).cost)).toBeCloseTo(0.02);
    // Code scores carry no judge cost.
    expect((await ctx.db.prisma.score.findMany({ where: { taskId: free.id } })).map((s) => s.cost)).toEqual([null, null]);
  });

  it('pauses, resumes and cancels mid-run without half-recorded results', async () => {
    fresh();
    const evaluatorId = await evaluator('h', 'hooked');
    const paused = await create({ evaluatorId, concurrency: 1 });
    await pauseEvalTask({ ...deps }, principal, actor, paused.id);
    await queue.drain(deps);
    expect(await expectConsistent(paused.id)).toMatchObject({ status: 'PAUSED', pending: 0, scored: 0 });
    await expect(pauseEvalTask(deps, principal, actor, paused.id)).rejects.toThrow(/is PAUSED; only a RUNNING task/);
    await resumeEvalTask(deps, principal, actor, paused.id);
    await queue.drain(deps);
    expect(await expectConsistent(paused.id)).toMatchObject({ status: 'COMPLETED', scored: 20 });

    const cancelled = await create({ evaluatorId, concurrency: 1 });
    let evaluated = 0;
    onEvaluate = async () => {
      evaluated++;
      if (evaluated === 3) await cancelEvalTask(deps, principal, actor, cancelled.id);
    };
    await queue.drain(deps);
    onEvaluate = null;
    const task = await expectConsistent(cancelled.id);
    // Two were recorded before the cancel; the third was in flight and is CANCELLED, with no score.
    expect(task).toMatchObject({ status: 'CANCELLED', scored: 2, cancelled: 18, pending: 0 });
    expect(await ctx.db.prisma.score.count({ where: { taskId: cancelled.id } })).toBe(2);
    await expect(resumeEvalTask(deps, principal, actor, cancelled.id)).rejects.toThrow(/is CANCELLED/);
  });

  it('runs continuously: new traces are planned once settled, late spans do not evaluate a trace twice', async () => {
    fresh();
    const task = await create({
      evaluatorId: await evaluator('c', 'contains', { values: ['refund'] }),
      mode: 'CONTINUOUS',
      from: undefined,
      to: undefined,
      settleSeconds: 0,
    });
    await queue.drain(deps);
    // Nothing written since the task started: the backfill of old traces is not its job.
    expect(await expectConsistent(task.id)).toMatchObject({ status: 'RUNNING', scored: 0, pending: 0 });
    const traceId = hexId(16);
    const now = new Date();
    await writeSpans(ctx.db.sql, ctx.projectId, [
      makeSpan({
        traceId,
        serviceName: 'support-agent',
        startTime: now,
        endTime: new Date(now.getTime() + 5),
        output: 'a refund',
      }),
    ]);
    await tracesCommitted({ ...deps }, ctx.projectId, [applicationId]);
    await queue.drain(deps);
    expect(await expectConsistent(task.id)).toMatchObject({ status: 'RUNNING', scored: 1 });
    await writeSpans(ctx.db.sql, ctx.projectId, [
      makeSpan({
        traceId,
        parentSpanId: null,
        serviceName: 'support-agent',
        startTime: now,
        endTime: new Date(now.getTime() + 9),
      }),
    ]);
    await evalTaskTick(deps);
    await queue.drain(deps);
    expect(await expectConsistent(task.id)).toMatchObject({ scored: 1 });
    expect((await decisionsOf(task.id)).map((d) => d.targetId)).toEqual([traceId]);
    await cancelEvalTask(deps, principal, actor, task.id);
  });

  it('evaluates spans with a span filter', async () => {
    fresh();
    const task = await create({
      evaluatorId: await evaluator('s', 'contains', { values: ['refund'] }),
      dataSource: 'SPANS',
      spanFilter: { status: 'ERROR' },
    });
    await queue.drain(deps);
    const done = await expectConsistent(task.id);
    expect(done).toMatchObject({ status: 'COMPLETED', scored: 5, filteredOut: 15 });
    const scores = await ctx.db.prisma.score.findMany({ where: { taskId: task.id } });
    expect(scores.every((s) => s.targetType === 'SPAN' && s.spanId !== null && s.value === 1)).toBe(true);
  });

  it('claims in batches without handing a candidate to two workers or exceeding the concurrency', async () => {
    fresh();
    const task = await create({ evaluatorId: await evaluator('batch', 'contains', { values: ['refund'] }), concurrency: 7 });
    queue.queued.length = 0;
    await planTask(deps, task.id);
    queue.queued.length = 0;
    // Four workers asking for 5 each at once: 7 leases in all, no candidate twice.
    const claims = await Promise.all(Array.from({ length: 4 }, () => claimDecisions(deps, task.id, 60_000, 5)));
    const claimed = claims.flatMap(({ claim }) => (claim.kind === 'claimed' ? claim.decisions : []));
    expect(claimed).toHaveLength(7);
    expect(new Set(claimed.map((d) => d.id)).size).toBe(7);
    expect(claimed.every((d) => d.attempts === 1)).toBe(true);
    expect(claims.filter(({ claim }) => claim.kind === 'busy').length).toBeGreaterThan(0);
    expect((await claimDecisions(deps, task.id, 60_000, 5)).claim).toEqual({ kind: 'busy' });
    const leased = await ctx.db.prisma.evalDecision.count({ where: { taskId: task.id, leaseExpiresAt: { gt: new Date() } } });
    expect(leased).toBe(7);
    await cancelEvalTask(deps, principal, actor, task.id);
    expect((await claimDecisions(deps, task.id, 60_000, 5)).claim).toEqual({ kind: 'stopped' });
    expect(await expectConsistent(task.id)).toMatchObject({ status: 'CANCELLED', pending: 0, cancelled: 20 });
  });

  it('reads the samples of a claimed batch at once; a gone target or an unbuildable sample fails only that candidate', async () => {
    fresh();
    // Spans of an application of their own, so deleting one leaves the other tests' data alone.
    const start = new Date(T0.getTime() + 5 * 3_600_000);
    await writeSpans(
      ctx.db.sql,
      ctx.projectId,
      Array.from({ length: 6 }, (_, i) =>
        makeSpan({
          serviceName: 'batch-agent',
          name: `b${i}`,
          startTime: new Date(start.getTime() + i * 1_000),
          endTime: new Date(start.getTime() + i * 1_000 + 10),
          output: `a refund (${i})`,
        }),
      ),
    );
    const app = await ctx.db.prisma.application.findFirstOrThrow({ where: { projectId: ctx.projectId, name: 'batch-agent' } });
    const rows = await ctx.db.prisma.span.findMany({ where: { applicationId: app.id }, orderBy: { name: 'asc' } });
    const [gone, unbuildable] = [rows[1]?.id, rows[4]?.id];
    const batches: number[] = [];
    deps.loadSamples = async (sql, projectId, candidates) => {
      batches.push(candidates.length);
      // Retention deletes a span after it was claimed, before its sample is read.
      if (batches.length === 1) await ctx.db.prisma.span.delete({ where: { id: gone } });
      const loads = await loadTaskSamples(sql, projectId, candidates);
      const victim = candidates.find((c) => c.targetId === unbuildable);
      if (victim) {
        loads.set(
          victim.id,
          builtOrUnbuildable(() => {
            throw new Error('unexpected attributes');
          }),
        );
      }
      return loads;
    };
    const task = await create({
      evaluatorId: await evaluator('batched', 'contains', { values: ['refund'] }),
      dataSource: 'SPANS',
      applicationId: app.id,
      from: start,
      to: new Date(start.getTime() + 60_000),
      concurrency: 8,
    });
    await queue.drain(deps);
    // One read for all six claimed together.
    expect(batches).toEqual([6]);
    expect(await expectConsistent(task.id)).toMatchObject({ status: 'COMPLETED', scored: 4, failed: 2 });
    const decisions = await decisionsOf(task.id);
    expect(decisions.find((d) => d.targetId === gone)).toMatchObject({
      decision: 'FAILED',
      reason: 'the span no longer exists (deleted or past retention)',
    });
    expect(decisions.find((d) => d.targetId === unbuildable)).toMatchObject({
      decision: 'FAILED',
      reason: 'its sample could not be built: unexpected attributes',
    });
    const scores = await ctx.db.prisma.score.findMany({ where: { taskId: task.id } });
    expect(scores.map((s) => s.spanId).sort()).toEqual(
      rows
        .filter((r) => r.id !== gone && r.id !== unbuildable)
        .map((r) => r.spanId)
        .sort(),
    );
    expect(scores.every((s) => s.value === 1)).toBe(true);
  });

  it('takes over a candidate whose worker died once its lease expires', async () => {
    fresh({ leaseMarginMs: 0 });
    const task = await create({
      evaluatorId: await evaluator('l', 'contains', { values: ['refund'] }, 50),
      maxSamples: 1,
      concurrency: 1,
    });
    queue.queued.length = 0;
    await planTask(deps, task.id);
    queue.queued.length = 0;
    // A worker claims the candidate and dies.
    const { claim } = await claimDecisions(deps, task.id, 50, 1);
    expect(claim.kind).toBe('claimed');
    await new Promise((resolve) => setTimeout(resolve, 80));
    await evalTaskTick(deps);
    await queue.drain(deps);
    const done = await expectConsistent(task.id);
    expect(done).toMatchObject({ status: 'COMPLETED', scored: 1 });
    expect((await decisionsOf(task.id)).find((d) => d.decision === 'SCORED')?.attempts).toBe(2);
  });
  it('evaluates a dataset snapshot: one decision per frozen record, counters consistent, scores on the records', async () => {
    fresh();
    const dataDeps = { sql: ctx.db.sql, pubsub: null };
    const dataset = await createDataset(dataDeps, principal, actor, {
      name: 'engine-golden',
      fields: [
        { name: 'output', type: 'text' },
        { name: 'expected_output', type: 'text' },
      ],
    });
    const written = await createDatasetRecords(dataDeps, principal, actor, {
      datasetId: dataset.id,
      records: Array.from({ length: 9 }, (_, i) => ({ output: `a${i}`, expected_output: i % 3 === 0 ? 'x' : `a${i}` })),
    });
    const snapshot = await createSnapshot(dataDeps, principal, actor, { datasetId: dataset.id, name: 'v1' });
    const task = await create({
      evaluatorId: await evaluator('snap', 'exact-match'),
      dataSource: 'DATASET_SNAPSHOT',
      applicationId: null,
      snapshotId: snapshot.id,
      from: undefined,
      to: undefined,
      maxSamples: 8,
    });
    await queue.drain(deps);
    expect(await expectConsistent(task.id)).toMatchObject({ status: 'COMPLETED', scored: 8, overCap: 1, planned: true });
    const decisions = await decisionsOf(task.id);
    expect(decisions.map((d) => d.targetId)).toEqual(written.map((r) => r.id).sort());
    expect(decisions.every((d) => d.targetType === 'DATASET_RECORD' && d.traceId === null)).toBe(true);
    const scores = await ctx.db.prisma.score.findMany({ where: { taskId: task.id } });
    expect(scores).toHaveLength(8);
    for (const score of scores) {
      const i = written.findIndex((r) => r.id === score.targetId);
      expect(score).toMatchObject({
        targetType: 'DATASET_RECORD',
        value: i % 3 === 0 ? 0 : 1,
        snapshotId: snapshot.id,
        recordVersion: 1,
        traceId: null,
        applicationId: null,
      });
    }
  });
});
