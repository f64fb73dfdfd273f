import type { EvaluationSample } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { exactMatch, exactMatchConfigSchema } from './exact-match.js';

type Sample = Omit<EvaluationSample, 'target'>;

describe('exact-match', () => {
  const plugin = exactMatch();

  it.each<[string, Sample, Record<string, unknown>, number]>([
    ['identical texts', { output: 'Paris', expectedOutput: 'Paris' }, {}, 1],
    ['different texts', { output: 'Lyon', expectedOutput: 'Paris' }, {}, 0],
    ['case differs, case-sensitive by default', { output: 'paris', expectedOutput: 'Paris' }, {}, 0],
    ['case differs, caseSensitive false', { output: 'PARIS', expectedOutput: 'Paris' }, { caseSensitive: false }, 1],
    ['surrounding whitespace is trimmed by default', { output: ' Paris\n', expectedOutput: 'Paris' }, {}, 1],
    ['surrounding whitespace counts with trim false', { output: ' Paris\n', expectedOutput: 'Paris' }, { trim: false }, 0],
    ['inner whitespace runs count by default', { output: 'New  York', expectedOutput: 'New York' }, {}, 0],
    [
      'inner whitespace runs with normalizeWhitespace',
      { output: 'New \n York', expectedOutput: 'New York' },
      { normalizeWhitespace: true },
      1,
    ],
    ['configured value instead of expectedOutput', { output: 'yes' }, { value: 'yes' }, 1],
    ['configured value wins over expectedOutput', { output: 'yes', expectedOutput: 'no' }, { value: 'yes' }, 1],
    ['empty output equals empty expectation', { output: '', expectedOutput: '' }, {}, 1],
    [
      'message-shaped output is compared by its text',
      { output: { role: 'assistant', content: 'Paris' }, expectedOutput: 'Paris' },
      {},
      1,
    ],
    ['a number output is compared as text', { output: 42, expectedOutput: '42' }, {}, 1],
    ['the input field', { input: 'hello', output: 'other' }, { field: 'input', value: 'hello' }, 1],
    [
      'a nested metadata path',
      { metadata: { answer: { city: 'Paris' } }, expectedOutput: 'Paris' },
      { field: 'metadata.answer.city' },
      1,
    ],
    [
      'a flat metadata key with a dot',
      { metadata: { 'answer.city': 'Rome' } },
      { field: 'metadata.answer.city', value: 'Rome' },
      1,
    ],
  ])('%s', async (_name, sample, config, value) => {
    const { result } = await runEvaluator(plugin, sample, { config });
    expect(result).toMatchObject({ status: 'scored', scores: [{ name: 'exact-match', value }] });
  });

  it('says what matched and where a near miss diverges', async () => {
    const hit = await runEvaluator(plugin, { output: 'Paris', expectedOutput: 'Paris' });
    expect(hit.result).toMatchObject({ scores: [{ reasoning: "output equals expectedOutput 'Paris'" }] });
    const miss = await runEvaluator(plugin, { output: 'Pari', expectedOutput: 'Paris' });
    expect(miss.result).toMatchObject({
      scores: [{ reasoning: "output 'Pari' does not equal expectedOutput 'Paris' (they differ from character 5)" }],
    });
  });

  it.each<[string, Sample, Record<string, unknown>, string]>([
    ['no expectedOutput and no value', { output: 'Paris' }, {}, 'needs expectedOutput'],
    ['no output', { expectedOutput: 'Paris' }, {}, 'needs output'],
    ['a null output', { output: null, expectedOutput: 'Paris' }, {}, 'needs output'],
    ['a missing metadata path', { metadata: { other: 1 } }, { field: 'metadata.answer', value: 'x' }, 'needs metadata.answer'],
  ])('fails (not 0) on %s', async (_name, sample, config, reason) => {
    const { result } = await runEvaluator(plugin, sample, { config });
    expect(result.status).toBe('failed');
    expect(result).toMatchObject({ reason: expect.stringContaining(reason) });
  });

  it('rejects a bad field and unknown options, naming them', () => {
    const badField = exactMatchConfigSchema.safeParse({ field: 'answer' });
    expect(badField.error?.issues[0]?.path).toEqual(['field']);
    const badPath = exactMatchConfigSchema.safeParse({ field: 'metadata.' });
    expect(badPath.error?.issues[0]?.path).toEqual(['field']);
    const unknown = exactMatchConfigSchema.safeParse({ ignoreCase: true });
    expect(unknown.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['ignoreCase'] });
  });
});
