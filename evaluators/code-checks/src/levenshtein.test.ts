import type { EvaluationSample } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { levenshtein } from './levenshtein.js';

type Sample = Omit<EvaluationSample, 'target'>;

describe('levenshtein', () => {
  const plugin = levenshtein();

  // similarity = 1 - distance / length of the longer text, distances computed by hand.
  it.each<[string, Sample, Record<string, unknown>, number, number]>([
    ['identical', { output: 'abc', expectedOutput: 'abc' }, {}, 1, 0],
    ['kitten → sitting (3 edits over 7)', { output: 'kitten', expectedOutput: 'sitting' }, {}, 4 / 7, 3],
    ['flaw → lawn (2 edits over 4)', { output: 'flaw', expectedOutput: 'lawn' }, {}, 0.5, 2],
    ['nothing in common', { output: 'abc', expectedOutput: 'xyz' }, {}, 0, 3],
    ['empty against text', { output: '', expectedOutput: 'abc' }, {}, 0, 3],
    ['both empty', { output: '', expectedOutput: '' }, {}, 1, 0],
    ['case counts by default (1 edit over 5)', { output: 'Hello', expectedOutput: 'hello' }, {}, 0.8, 1],
    ['caseSensitive false', { output: 'HELLO', expectedOutput: 'hello' }, { caseSensitive: false }, 1, 0],
    ['trimmed by default', { output: ' hello\n', expectedOutput: 'hello' }, {}, 1, 0],
    ['trim false (2 edits over 7)', { output: ' hello\n', expectedOutput: 'hello' }, { trim: false }, 5 / 7, 2],
    ['normalizeWhitespace', { output: 'a  b', expectedOutput: 'a b' }, { normalizeWhitespace: true }, 1, 0],
    ['emoji count as one character (1 edit over 2)', { output: '😀a', expectedOutput: '😀b' }, {}, 0.5, 1],
    ['configured value', { output: 'colour' }, { value: 'color' }, 5 / 6, 1],
  ])('%s', async (_name, sample, config, value, distance) => {
    const { result } = await runEvaluator(plugin, sample, { config });
    expect(result.status).toBe('scored');
    if (result.status !== 'scored') return;
    expect(result.scores[0]?.value).toBeCloseTo(value, 10);
    expect(result.scores[0]?.metadata).toMatchObject({ distance });
  });

  it('explains the similarity in edits', async () => {
    const { result } = await runEvaluator(plugin, { output: 'kitten', expectedOutput: 'sitting' });
    expect(result).toMatchObject({
      scores: [{ name: 'levenshtein', reasoning: 'output is 57.1% similar to expectedOutput: 3 edits over 7 characters' }],
    });
  });

  it.each<[string, Sample, Record<string, unknown>, string]>([
    ['no expectedOutput and no value', { output: 'abc' }, {}, 'needs expectedOutput'],
    ['no output', { expectedOutput: 'abc' }, {}, 'needs output'],
    [
      'a text over maxInputLength',
      { output: 'a'.repeat(11), expectedOutput: 'a' },
      { maxInputLength: 10 },
      'over maxInputLength 10',
    ],
  ])('fails (not 0) on %s', async (_name, sample, config, reason) => {
    const { result } = await runEvaluator(plugin, sample, { config });
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining(reason) });
  });
});
