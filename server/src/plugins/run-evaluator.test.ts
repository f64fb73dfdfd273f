import {
  defineEvaluator,
  type EvaluationContext,
  type EvaluationResult,
  failed,
  PLUGIN_API_VERSION,
  runJudge,
  scored,
  z,
} from '@agentloop/plugin-sdk';
import { recordingUsageReporter, scriptedChatModel } from '@agentloop/plugin-sdk/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { runEvaluator } from './run-evaluator.js';

const logger = pino({ level: 'silent' });
const sample = { target: { type: 'trace' as const, id: 't1' }, output: 'HELLO there' };

const evaluator = (
  evaluate: (ctx: EvaluationContext<{ threshold: number }>) => Promise<EvaluationResult>,
  extra: Record<string, unknown> = {},
) =>
  defineEvaluator({
    name: 'probe',
    version: '1.0.0',
    apiVersion: PLUGIN_API_VERSION,
    description: 'A test evaluator.',
    configSchema: z.object({ threshold: z.number().min(0).max(1).default(0.5) }),
    inputs: { required: ['output'] },
    scores: [{ name: 'probe', kind: 'numeric', range: { min: 0, max: 1 }, higherIsBetter: true }],
    evaluate,
    ...extra,
  });

describe('runEvaluator', () => {
  it('returns CODE scores with the parsed config', async () => {
    const plugin = evaluator(async ({ config }) => scored({ name: 'probe', value: config.threshold, reasoning: 'r' }));
    const run = await runEvaluator(plugin, {}, sample, { timeoutMs: 1000, logger });
    expect(run).toMatchObject({
      status: 'scored',
      scores: [{ name: 'probe', value: 0.5, label: null, reasoning: 'r', source: 'CODE', judgeModel: null, cost: null }],
      usage: { calls: 0, inputTokens: 0, outputTokens: 0, cost: 0 },
    });
  });

  it('refuses a bad config, a sample lacking inputs and a missing judge before calling the plugin', async () => {
    let calls = 0;
    const plugin = evaluator(
      async () => {
        calls += 1;
        return scored({ name: 'probe', value: 1 });
      },
      { needs: { judge: true } },
    );
    expect(await runEvaluator(plugin, { threshold: 2 }, sample, { timeoutMs: 1000, logger })).toMatchObject({
      status: 'failed',
      kind: 'INVALID_CONFIG',
      reason: expect.stringContaining('threshold'),
    });
    expect(await runEvaluator(plugin, {}, { target: sample.target }, { timeoutMs: 1000, logger })).toMatchObject({
      kind: 'MISSING_INPUTS',
      reason: 'the sample lacks required input(s): output',
    });
    expect(await runEvaluator(plugin, {}, sample, { timeoutMs: 1000, logger })).toMatchObject({ kind: 'MISSING_MODEL' });
    expect(calls).toBe(0);
  });

  it('contains throws, hangs (aborting the signal), invalid results and the plugin’s own failures', async () => {
    const threw = await runEvaluator(
      evaluator(async () => {
        throw new Error('boom');
      }),
      {},
      sample,
      { timeoutMs: 1000, logger },
    );
    expect(threw).toMatchObject({ status: 'failed', kind: 'THREW', reason: 'evaluate threw: boom', retryable: false });
    // A rate limit escaping the plugin is worth another attempt (eval tasks retry it with backoff).
    const limited = await runEvaluator(
      evaluator(async () => {
        throw Object.assign(new Error('Too many requests'), { status: 429 });
      }),
      {},
      sample,
      { timeoutMs: 1000, logger },
    );
    expect(limited).toMatchObject({ kind: 'THREW', retryable: true });

    let signal: AbortSignal | undefined;
    const hung = await runEvaluator(
      evaluator((ctx) => {
        signal = ctx.signal;
        return new Promise(() => {});
      }),
      {},
      sample,
      { timeoutMs: 50, logger },
    );
    expect(hung).toMatchObject({ kind: 'TIMEOUT', retryable: true, reason: 'evaluate did not finish within 50 ms' });
    expect(signal?.aborted).toBe(true);

    const invalid = await runEvaluator(
      evaluator(async () => scored({ name: 'probe', value: 7 })),
      {},
      sample,
      { timeoutMs: 1000, logger },
    );
    expect(invalid).toMatchObject({ kind: 'INVALID_RESULT', reason: expect.stringContaining('outside its range [0, 1]') });
    const notAResult = await runEvaluator(
      evaluator(async () => 'timeout' as never),
      {},
      sample,
      { timeoutMs: 1000, logger },
    );
    expect(notAResult).toMatchObject({ kind: 'INVALID_RESULT' });

    const own = await runEvaluator(
      evaluator(async () => failed('judge gave up', { retryable: true })),
      {},
      sample,
      { timeoutMs: 1000, logger },
    );
    expect(own).toMatchObject({ kind: 'PLUGIN_FAILED', reason: 'judge gave up', retryable: true });
  });

  it('stops when the caller cancels', async () => {
    const controller = new AbortController();
    const running = runEvaluator(
      evaluator(() => new Promise(() => {})),
      {},
      sample,
      { timeoutMs: 10_000, logger, signal: controller.signal },
    );
    controller.abort();
    expect(await running).toMatchObject({ kind: 'ABORTED' });
  });

  it('records LLM scores with the judge call, priced by the model service, and forwards usage', async () => {
    const plugin = evaluator(
      async (ctx) => {
        const verdict = await runJudge({
          model: ctx.judge as never,
          prompt: { name: 'probe', version: '2', system: 'Rate.', user: '{{output}}' },
          variables: { output: String(ctx.sample.output) },
          schema: z.object({ score: z.number().min(0).max(1), reasoning: z.string() }),
          signal: ctx.signal,
          usage: ctx.usage,
          maxAttempts: 2,
        });
        if (!verdict.ok) return failed(verdict.reason);
        return scored({ name: 'probe', value: verdict.value.score, reasoning: verdict.value.reasoning, judge: verdict.record });
      },
      { needs: { judge: true } },
    );
    const model = scriptedChatModel(
      [
        { content: 'not json', usage: { inputTokens: 100, outputTokens: 10 } },
        { content: '{"score": 0.8, "reasoning": "fine"}', usage: { inputTokens: 120, outputTokens: 20 } },
      ],
      { model: 'judge-1' },
    );
    const forwarded = recordingUsageReporter();
    const run = await runEvaluator(plugin, {}, sample, {
      timeoutMs: 5000,
      logger,
      usage: forwarded,
      judge: { model, cost: ({ inputTokens, outputTokens }) => inputTokens * 0.001 + outputTokens * 0.002 },
    });
    expect(run).toMatchObject({
      status: 'scored',
      scores: [
        {
          name: 'probe',
          value: 0.8,
          reasoning: 'fine',
          source: 'LLM',
          judgeModel: 'judge-1',
          judgePromptName: 'probe',
          judgePromptVersion: '2',
          inputTokens: 220,
          outputTokens: 30,
        },
      ],
      usage: { calls: 2, inputTokens: 220, outputTokens: 30 },
    });
    if (run.status !== 'scored') throw new Error('scored');
    expect(run.scores[0]?.cost).toBeCloseTo(0.28);
    expect(run.usage.cost).toBeCloseTo(0.28);
    expect(forwarded.reports).toHaveLength(2);
  });
});
