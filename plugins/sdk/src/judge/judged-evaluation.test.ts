import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EvaluationContext } from '../evaluation-context.js';
import { recordingLogger } from '../testing/recording-logger.js';
import { recordingUsageReporter } from '../testing/recording-usage-reporter.js';
import { type ScriptedReplyEntry, scriptedChatModel } from '../testing/scripted-chat-model.js';
import type { JudgeConfig } from './judge-config.js';
import type { JudgePrompt } from './judge-prompt.js';
import { inputAndOutput, judgedEvaluation } from './judged-evaluation.js';

const prompt: JudgePrompt = {
  name: 'politeness',
  version: '1',
  system: 'Rate politeness. {{tone}}',
  user: '<input>{{input}}</input><output>{{output}}</output>',
};

type Config = JudgeConfig & { tone: string };

const evaluate = judgedEvaluation<Config, { reasoning: string; score: number }>({
  name: 'politeness',
  prompt,
  schema: z.object({ reasoning: z.string(), score: z.number().min(0).max(1) }),
  variables: (config) => ({ tone: config.tone }),
  score: (verdict, { clipped }) => ({
    name: 'politeness',
    value: verdict.score,
    reasoning: verdict.reasoning,
    metadata: { clipped },
  }),
});

const context = (replies: ScriptedReplyEntry[] | null, sample: Record<string, unknown>, maxChars = 8000) => {
  const judge = replies ? scriptedChatModel(replies, { model: 'judge-1' }) : undefined;
  const ctx: EvaluationContext<Config> = {
    sample: { target: { type: 'trace', id: 't1' }, ...sample },
    config: { maxChars, maxAttempts: 2, tone: 'Be strict.' },
    judge,
    signal: new AbortController().signal,
    logger: recordingLogger(),
    usage: recordingUsageReporter(),
  };
  return { ctx, judge };
};

describe('judgedEvaluation', () => {
  it('asks the judge with clipped texts and config variables, and attaches the call to the score', async () => {
    const { ctx, judge } = context(['{"reasoning": "kind", "score": 0.9}'], { output: `thanks ${'!'.repeat(400)}` }, 200);
    const result = await evaluate(ctx);
    expect(result).toMatchObject({
      status: 'scored',
      scores: [
        {
          name: 'politeness',
          value: 0.9,
          reasoning: 'kind',
          metadata: { clipped: ['output'] },
          judge: { model: 'judge-1', promptName: 'politeness', promptVersion: '1', attempts: 1 },
        },
      ],
    });
    const shown = judge?.calls[0]?.map((m) => String(m.content)).join('\n') ?? '';
    expect(shown).toContain('Be strict.');
    expect(shown).toContain('<input>(not recorded)</input>');
    expect(shown).toContain('characters omitted');
  });

  it('records a failure, never a score: no judge, or malformed replies after maxAttempts', async () => {
    expect(await evaluate(context(null, { output: 'hi' }).ctx)).toEqual({
      status: 'failed',
      reason: 'politeness needs a judge model, and none was configured',
    });
    const garbage = await evaluate(context(['not json', '{"score": 7}'], { output: 'hi' }).ctx);
    expect(garbage).toMatchObject({ status: 'failed', retryable: false });
    expect(garbage.status === 'failed' && garbage.reason).toMatch(/^politeness judge: /);
  });
});

describe('inputAndOutput', () => {
  it('turns any shape into text and marks a missing input', () => {
    expect(inputAndOutput({ target: { type: 'span', id: 's' }, input: { q: 1 }, output: 'a' })).toEqual({
      input: '{"q":1}',
      output: 'a',
    });
    expect(inputAndOutput({ target: { type: 'span', id: 's' }, output: 'a' }).input).toBe('(not recorded)');
  });
});
