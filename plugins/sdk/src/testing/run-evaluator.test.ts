import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PLUGIN_API_VERSION } from '../api-version.js';
import { defineEvaluator } from '../define-evaluator.js';
import { failed, scored } from '../evaluation-result.js';
import { runJudge } from '../judge/run-judge.js';
import { cosineSimilarity } from '../utils/cosine-similarity.js';
import { toText } from '../utils/to-text.js';
import { runEvaluator } from './run-evaluator.js';

const politeness = defineEvaluator({
  name: 'politeness',
  version: '1.0.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'How polite the answer is, judged by an LLM.',
  configSchema: z.object({ strict: z.boolean().default(false) }),
  inputs: { required: ['output'] },
  needs: { judge: true },
  scores: [{ name: 'politeness', kind: 'numeric', range: { min: 0, max: 1 }, higherIsBetter: true }],
  async evaluate(ctx) {
    if (!ctx.judge) return failed('no judge');
    ctx.logger.info('judging', { strict: ctx.config.strict });
    const verdict = await runJudge({
      model: ctx.judge,
      prompt: { name: 'politeness', version: '1', system: 'Rate politeness.', user: '{{output}}' },
      variables: { output: toText(ctx.sample.output) },
      schema: z.object({ score: z.number(), reasoning: z.string() }),
      signal: ctx.signal,
      usage: ctx.usage,
    });
    if (!verdict.ok) return failed(verdict.reason, { retryable: verdict.retryable });
    return scored({ name: 'politeness', value: verdict.value.score, reasoning: verdict.value.reasoning, judge: verdict.record });
  },
});

describe('runEvaluator', () => {
  it('runs an evaluator with a scripted judge and returns the result, usage, judge calls and logs', async () => {
    const outcome = await runEvaluator(
      politeness,
      { output: 'Thank you kindly!' },
      {
        config: { strict: true },
        judgeReplies: [{ content: '{"score": 0.9, "reasoning": "grateful"}', usage: { inputTokens: 30, outputTokens: 9 } }],
      },
    );
    expect(outcome.result).toMatchObject({
      status: 'scored',
      scores: [{ name: 'politeness', value: 0.9, reasoning: 'grateful' }],
    });
    expect(outcome.usage).toEqual([{ model: 'scripted-model', inputTokens: 30, outputTokens: 9 }]);
    expect(outcome.judgeCalls).toHaveLength(1);
    expect(outcome.judgeCalls[0]?.[1]?.content).toBe('Thank you kindly!');
    expect(outcome.logs).toEqual([{ level: 'info', message: 'judging', data: { strict: true } }]);
  });

  it('turns an out-of-range score into a failure, as the host would', async () => {
    const outcome = await runEvaluator(politeness, { output: 'x' }, { judgeReplies: ['{"score": 3, "reasoning": "?"}'] });
    expect(outcome.result).toEqual({ status: 'failed', reason: expect.stringMatching(/^invalid result: .*outside its range/) });
    expect(outcome.rawResult).toMatchObject({ status: 'scored' });
  });

  it('refuses samples lacking required inputs, and plugins lacking their judge, without calling evaluate', async () => {
    expect((await runEvaluator(politeness, { input: 'q' }, { judgeReplies: [] })).result).toEqual({
      status: 'failed',
      reason: 'the sample lacks required input(s): output',
    });
    expect((await runEvaluator(politeness, { output: 'x' })).result).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/needs a judge model/),
    });
  });

  it('throws for a config that does not parse, naming the field', async () => {
    await expect(runEvaluator(politeness, { output: 'x' }, { config: { strict: 'yes' } })).rejects.toThrow(/strict/);
  });

  const plain = (evaluate: () => Promise<never>) =>
    defineEvaluator({
      name: 'plain',
      version: '1.0.0',
      apiVersion: PLUGIN_API_VERSION,
      description: 'Test.',
      configSchema: z.object({}),
      inputs: { required: [] },
      scores: [{ name: 'plain', kind: 'label', labels: ['a'] }],
      evaluate,
    });

  it('contains throws and timeouts, aborting the signal on timeout', async () => {
    const boom = new Error('boom');
    const thrown = await runEvaluator(
      plain(async () => {
        throw boom;
      }),
      {},
    );
    expect(thrown.result).toEqual({ status: 'failed', reason: 'evaluate threw: boom' });
    expect(thrown.error).toBe(boom);

    let aborted = false;
    const hanging = defineEvaluator({
      ...plain(async () => new Promise<never>(() => {})),
      evaluate: ({ signal }) =>
        new Promise<never>(() => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
    });
    const timedOut = await runEvaluator(hanging, {}, { timeoutMs: 30 });
    expect(timedOut.result).toEqual({ status: 'failed', reason: 'evaluate timed out after 30 ms', retryable: true });
    expect(aborted).toBe(true);
  });

  it('calls setup and teardown, and provides hash embeddings when the plugin needs them', async () => {
    const calls: string[] = [];
    const similar = defineEvaluator({
      name: 'similar',
      version: '1.0.0',
      apiVersion: PLUGIN_API_VERSION,
      description: 'Embedding similarity of output and expected output.',
      configSchema: z.object({}),
      inputs: { required: ['output', 'expectedOutput'] },
      needs: { embeddings: true },
      scores: [{ name: 'similarity', kind: 'numeric', range: { min: -1, max: 1 }, higherIsBetter: true }],
      setup: () => void calls.push('setup'),
      teardown: () => void calls.push('teardown'),
      async evaluate({ sample, embeddings }) {
        calls.push('evaluate');
        const [a, b] = (await embeddings?.embedDocuments([toText(sample.output), toText(sample.expectedOutput)])) ?? [];
        return scored({ name: 'similarity', value: cosineSimilarity(a ?? [], b ?? []) });
      },
    });
    const outcome = await runEvaluator(similar, { output: 'Paris is in France', expectedOutput: 'Paris is in France' });
    expect(outcome.result).toMatchObject({ status: 'scored', scores: [{ name: 'similarity', value: expect.closeTo(1) }] });
    expect(calls).toEqual(['setup', 'evaluate', 'teardown']);
  });
});
