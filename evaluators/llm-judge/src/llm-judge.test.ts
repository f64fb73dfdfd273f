import { configJsonSchema, resolveScoreDefinitions } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { llmJudgeConfigSchema } from './config.js';
import { buildJudgePrompt } from './judge-prompt.js';
import { llmJudge } from './llm-judge.js';

const reply = (value: object) => JSON.stringify(value);

const correctness = {
  scoreName: 'correctness',
  prompt: 'Question:\n{{input}}\n\nAnswer:\n{{output}}\n\nReference:\n{{expectedOutput}}\n\nLocale: {{metadata.locale}}',
  rubric: 'Score 1 to 5: 5 means the answer states everything the reference states, 1 means it contradicts it.',
  output: { kind: 'numeric', min: 1, max: 5, integer: true },
};

const verdicts = {
  scoreName: 'verdict',
  prompt: 'Documents:\n{{context}}\n\nAnswer:\n{{output}}',
  rubric: 'Is every claim in the answer supported by the documents?',
  output: {
    kind: 'label',
    labels: [
      { label: 'supported', weight: 1, description: 'every claim is in the documents' },
      { label: 'partly', weight: 0.5 },
      { label: 'unsupported', weight: 0 },
    ],
  },
};

describe('llm-judge', () => {
  it('binds the sample to the template, and scores within the range with the judge record', async () => {
    const { result, judgeCalls } = await runEvaluator(
      llmJudge(),
      { input: 'Capital of France?', output: 'Paris.', expectedOutput: 'Paris', metadata: { locale: 'fr-FR' } },
      { config: correctness, judgeReplies: [reply({ reasoning: 'Matches the reference "Paris".', score: 5 })] },
    );
    const prompt = buildJudgePrompt(llmJudgeConfigSchema.parse(correctness));
    expect(result).toEqual({
      status: 'scored',
      scores: [
        {
          name: 'correctness',
          value: 5,
          reasoning: 'Matches the reference "Paris".',
          metadata: { clipped: [] },
          judge: expect.objectContaining({ promptName: 'llm-judge/correctness', promptVersion: prompt.version, attempts: 1 }),
        },
      ],
    });
    const [system, user] = judgeCalls[0] ?? [];
    expect(system?.content).toContain('<rubric>\nScore 1 to 5');
    expect(system?.content).toContain('Give a score from 1 to 5 (a whole number); higher is better.');
    expect(user?.content).toBe('Question:\nCapital of France?\n\nAnswer:\nParis.\n\nReference:\nParis\n\nLocale: fr-FR');
  });

  it('records a label with its weight as the value, and shows retrieved documents numbered', async () => {
    const { result, judgeCalls } = await runEvaluator(
      llmJudge(),
      { output: 'It opens at 9.', context: [{ content: 'Opening hours: 9 to 5.' }, { content: 'Closed on Sundays.' }] },
      { config: verdicts, judgeReplies: [reply({ reasoning: 'The hours are in document 1.', label: 'supported' })] },
    );
    expect(result).toMatchObject({ status: 'scored', scores: [{ name: 'verdict', label: 'supported', value: 1 }] });
    expect(judgeCalls[0]?.[1]?.content).toContain('[1] Opening hours: 9 to 5.\n\n[2] Closed on Sundays.');
    expect(judgeCalls[0]?.[0]?.content).toContain('- "supported": every claim is in the documents\n- "partly"\n- "unsupported"');
  });

  it('declares the score the config describes', () => {
    const plugin = llmJudge();
    expect(resolveScoreDefinitions(plugin, llmJudgeConfigSchema.parse(verdicts))).toEqual([
      expect.objectContaining({ name: 'verdict', kind: 'label', labels: ['supported', 'partly', 'unsupported'] }),
    ]);
    expect(resolveScoreDefinitions(plugin, llmJudgeConfigSchema.parse(correctness))).toEqual([
      expect.objectContaining({ name: 'correctness', kind: 'numeric', range: { min: 1, max: 5 }, higherIsBetter: true }),
    ]);
    expect(configJsonSchema(plugin)).toMatchObject({ type: 'object', required: expect.arrayContaining(['prompt', 'rubric']) });
  });

  it('asks again when the verdict is out of range or not a label, and fails rather than invent a score', async () => {
    const retried = await runEvaluator(
      llmJudge(),
      { input: 'q', output: 'a', expectedOutput: 'a', metadata: { locale: 'en' } },
      { config: correctness, judgeReplies: [reply({ reasoning: 'r', score: 7 }), reply({ reasoning: 'r', score: 4 })] },
    );
    expect(retried.result).toMatchObject({ status: 'scored', scores: [{ value: 4, judge: { attempts: 2 } }] });
    expect(retried.judgeCalls[1]?.at(-1)?.content).toMatch(/could not be used/);

    const gaveUp = await runEvaluator(
      llmJudge(),
      { output: 'a', context: [{ content: 'doc' }] },
      { config: { ...verdicts, maxAttempts: 2 }, judgeReplies: [reply({ reasoning: 'r', label: 'maybe' }), 'no idea'] },
    );
    expect(gaveUp.result).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^llm-judge: /) });
  });

  it('fails, naming them, when the sample lacks what the template uses', async () => {
    const { result, judgeCalls } = await runEvaluator(
      llmJudge(),
      { input: 'q', output: 'a', metadata: {} },
      { config: correctness, judgeReplies: [] },
    );
    expect(result).toMatchObject({
      status: 'failed',
      reason: 'the sample has no expectedOutput, metadata.locale, which the prompt or rubric uses',
    });
    expect(judgeCalls).toHaveLength(0);
  });

  it('clips long values and says so', async () => {
    const { result, judgeCalls } = await runEvaluator(
      llmJudge(),
      { output: 'x'.repeat(5000) },
      {
        config: { prompt: 'Answer: {{output}}', rubric: 'Is it short?', maxChars: 300 },
        judgeReplies: [reply({ reasoning: 'Long.', score: 0 })],
      },
    );
    expect(result).toMatchObject({
      status: 'scored',
      scores: [{ name: 'llm-judge', value: 0, metadata: { clipped: ['output'] } }],
    });
    expect(judgeCalls[0]?.[1]?.content).toContain('characters omitted');
  });

  it('versions the prompt by what the judge sees', () => {
    const version = (config: object) => buildJudgePrompt(llmJudgeConfigSchema.parse(config)).version;
    const base = { prompt: 'A: {{output}}', rubric: 'Polite?' };
    expect(version(base)).toBe(version({ ...base }));
    expect(version(base)).toMatch(/^[0-9a-f]{12}$/);
    expect(version({ ...base, rubric: 'Polite and brief?' })).not.toBe(version(base));
    expect(version({ ...base, prompt: 'Answer: {{output}}' })).not.toBe(version(base));
    expect(version({ ...base, output: { kind: 'numeric', min: 0, max: 10 } })).not.toBe(version(base));
    // The score name is the prompt's name, not its text.
    expect(version({ ...base, scoreName: 'politeness' })).toBe(version(base));
  });
});
