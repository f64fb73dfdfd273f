import { coherence } from '@agentloop/evaluator-general';
import { pino } from 'pino';
import { applyMigrations } from '../server/src/db/migrations/apply-migrations.js';
import type { EvalTaskDeps } from '../server/src/evaluation/tasks/eval-runtime.js';
import { createEvalTask } from '../server/src/evaluation/tasks/eval-tasks.js';
import { loadTaskSamples } from '../server/src/evaluation/tasks/sample-loader.js';
import { buildChatModel } from '../server/src/models/chat-model-for-service.js';
import { writeSpans } from '../server/src/tracing/write-spans.js';
import { inlineJobs } from '../test/support/eval-inline-jobs.js';
import { pluginTestHost } from '../test/support/eval-test-host.js';
import { startOpenAIStub } from '../test/support/openai-stub.js';
import { makeSpan } from '../test/support/span-factory.js';
import { openBenchDatabase } from './support/bench-database.js';
import { countSqlStatements } from './support/count-sql-statements.js';
import { startCpuProfile } from './support/cpu-profile.js';
import { currentLoad, machineLoad } from './support/machine-load.js';

const SPANS = 2_000;
const LATENCY_MS = 100;
const CONCURRENCY = 20;
const GOAL = 0.8;

/**
 * Eval throughput: a SPANS task over 2,000 spans judged by the coherence evaluator through the real
 * LangChain client against the OpenAI-compatible stub answering after a fixed 100 ms. Ideal is
 * concurrency ÷ latency; the gap is the engine's own cost (claiming, loading, recording).
 */
export const run = async (): Promise<Record<string, unknown>> => {
  const bench = await openBenchDatabase();
  const stub = await startOpenAIStub({
    defaultResponder: () => ({
      content: '{"reasoning": "fine", "rating": 4}',
      delayMs: LATENCY_MS,
      usage: { promptTokens: 50, completionTokens: 10 },
    }),
  });
  try {
    const { prisma, sql } = bench.database;
    await applyMigrations(sql);
    const org = await prisma.organization.create({ data: { name: 'bench' } });
    const project = await prisma.project.create({ data: { name: 'bench', organizationId: org.id } });
    const start = new Date('2026-11-20T10:00:00.000Z');
    const spans = Array.from({ length: SPANS }, (_, i) =>
      makeSpan({
        serviceName: 'bench-agent',
        startTime: new Date(start.getTime() + i * 1000),
        endTime: new Date(start.getTime() + i * 1000 + 200),
        input: `question ${i}`,
        output: `answer ${i}`,
      }),
    );
    for (let i = 0; i < spans.length; i += 500) await writeSpans(sql, project.id, spans.slice(i, i + 500));
    const application = await prisma.application.findFirstOrThrow({ where: { projectId: project.id } });
    const evaluator = await prisma.evaluator.create({
      data: { projectId: project.id, name: 'coherence', pluginName: 'coherence' },
    });
    const queue = inlineJobs();
    const deps: EvalTaskDeps = {
      prisma,
      sql,
      pubsub: null,
      logger: pino({ level: 'silent' }),
      jobs: queue.jobs,
      evaluators: pluginTestHost([coherence()], {
        // Built as production builds a judge from its model service (transport included).
        judge: () =>
          buildChatModel({ provider: 'OPENAI', model: 'stub', baseUrl: stub.baseURL, parameters: {} }, 'k', { maxRetries: 0 }),
      }),
      loadSamples: loadTaskSamples,
      // One run job holds the whole concurrency: the inline queue runs jobs one after another.
      tuning: { loopsPerRunJob: CONCURRENCY, runBudgetMs: 600_000, planBudgetMs: 600_000 },
    };
    const actor = { apiKeyId: null, organizationId: org.id, projectId: project.id, requestId: null };
    const principal = {
      apiKeyId: '',
      apiKeyName: 'bench',
      projectId: project.id,
      organizationId: org.id,
      role: 'admin' as const,
      organizationAdmin: false,
    };
    const task = await createEvalTask(deps, principal, actor, {
      name: 'throughput',
      evaluatorId: evaluator.id,
      dataSource: 'SPANS',
      applicationId: application.id,
      mode: 'HISTORICAL',
      from: start,
      to: new Date(start.getTime() + SPANS * 1000 + 1),
      concurrency: CONCURRENCY,
    });
    // pg's statements (Prisma's included); PGlite's do not go through pg, so they are not counted.
    const counter = bench.kind === 'postgres' ? countSqlStatements() : null;
    const loadBefore = currentLoad();
    const profile = await startCpuProfile('eval-throughput');
    const cpuBefore = process.cpuUsage();
    const began = performance.now();
    try {
      await queue.drain(deps);
    } finally {
      counter?.restore();
    }
    const seconds = (performance.now() - began) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const profilePath = await profile.stop();
    const done = await prisma.evalTask.findUniqueOrThrow({ where: { id: task.id } });
    const perSecond = done.scored / seconds;
    const ideal = CONCURRENCY / (LATENCY_MS / 1000);
    return {
      database: bench.kind,
      spans: SPANS,
      concurrency: CONCURRENCY,
      judgeLatencyMs: LATENCY_MS,
      scored: done.scored,
      failed: done.failed,
      seconds: Number(seconds.toFixed(2)),
      evaluationsPerSecond: Number(perSecond.toFixed(1)),
      idealPerSecond: ideal,
      ratioToIdeal: Number((perSecond / ideal).toFixed(3)),
      goal: GOAL,
      maxJudgeRequestsInFlight: stub.maxInFlight,
      // This process's CPU (engine, LangChain client and the stub judge; PGlite too when embedded)
      // per evaluation: what bounds throughput once the machine is busy.
      cpuMsPerEvaluation: Number(((cpu.user + cpu.system) / 1000 / Math.max(1, done.scored)).toFixed(2)),
      // Planning, claiming, sample loading and recording, per evaluation: independent of the load.
      sqlStatementsPerEvaluation: counter ? Number((counter.count() / Math.max(1, done.scored)).toFixed(2)) : null,
      machine: machineLoad(loadBefore),
      ...(profilePath ? { cpuProfile: profilePath } : {}),
    };
  } finally {
    await stub.close();
    await bench.dispose();
  }
};
