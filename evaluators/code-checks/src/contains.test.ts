import type { EvaluationSample } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { contains, containsConfigSchema } from './contains.js';

type Sample = Omit<EvaluationSample, 'target'>;
const answer = 'We will issue a Refund within 5 days.';

describe('contains', () => {
  const plugin = contains();

  it.each<[string, Sample, Record<string, unknown>, number, string]>([
    ['one substring present', { output: answer }, { values: ['Refund'] }, 1, "output contains 'Refund'"],
    ['one substring absent', { output: answer }, { values: ['apology'] }, 0, "output does not contain 'apology'"],
    ['case-sensitive by default', { output: answer }, { values: ['refund'] }, 0, "output does not contain 'refund'"],
    ['caseSensitive false', { output: answer }, { values: ['refund'], caseSensitive: false }, 1, "output contains 'refund'"],
    ['any: one of two', { output: answer }, { values: ['apology', 'days'] }, 1, "output contains 'days'"],
    ['any: none of two', { output: answer }, { values: ['apology', 'sorry'] }, 0, "output contains none of 'apology', 'sorry'"],
    ['all: both', { output: answer }, { values: ['Refund', 'days'], mode: 'all' }, 1, "output contains all of 'Refund', 'days'"],
    [
      'all: one missing',
      { output: answer },
      { values: ['Refund', 'weeks'], mode: 'all' },
      0,
      "output does not contain 'weeks' (found 1 of 2)",
    ],
    [
      'none: clean',
      { output: answer },
      { values: ['sorry', 'AI model'], mode: 'none' },
      1,
      "output contains none of 'sorry', 'AI model'",
    ],
    [
      'none: violated',
      { output: answer },
      { values: ['sorry', 'days'], mode: 'none' },
      0,
      "output contains 'days', which it must not",
    ],
    [
      'whitespace runs count by default',
      { output: 'within  5 days' },
      { values: ['within 5'] },
      0,
      "output does not contain 'within 5'",
    ],
    [
      'normalizeWhitespace',
      { output: 'within \n 5 days' },
      { values: ['within 5'], normalizeWhitespace: true },
      1,
      "output contains 'within 5'",
    ],
    ['expectedOutput as the substring', { output: answer, expectedOutput: 'Refund' }, {}, 1, "output contains 'Refund'"],
    [
      'expectedOutput list as the substrings (any)',
      { output: answer, expectedOutput: ['credit', '5 days'] },
      {},
      1,
      "output contains '5 days'",
    ],
    [
      'the input field',
      { input: 'cancel my order', output: 'ok' },
      { field: 'input', values: ['cancel'] },
      1,
      "input contains 'cancel'",
    ],
  ])('%s', async (_name, sample, config, value, reasoning) => {
    const { result } = await runEvaluator(plugin, sample, { config });
    expect(result).toMatchObject({ status: 'scored', scores: [{ name: 'contains', value, reasoning }] });
  });

  it('lists matched and missing substrings in metadata', async () => {
    const { result } = await runEvaluator(plugin, { output: answer }, { config: { values: ['Refund', 'weeks'], mode: 'all' } });
    expect(result).toMatchObject({ scores: [{ metadata: { mode: 'all', matched: ['Refund'], missing: ['weeks'] } }] });
  });

  it.each<[string, Sample, Record<string, unknown>, string]>([
    ['no values and no expectedOutput', { output: answer }, {}, 'needs expectedOutput'],
    ['no output', { expectedOutput: 'x' }, {}, 'needs output'],
    ['an expectedOutput of only empty strings', { output: answer, expectedOutput: [''] }, {}, 'no non-empty substring'],
  ])('fails (not 0) on %s', async (_name, sample, config, reason) => {
    const { result } = await runEvaluator(plugin, sample, { config });
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining(reason) });
  });

  it('rejects empty lists and empty substrings, naming the field', () => {
    expect(containsConfigSchema.safeParse({ values: [] }).error?.issues[0]?.path).toEqual(['values']);
    expect(containsConfigSchema.safeParse({ values: ['ok', ''] }).error?.issues[0]?.path).toEqual(['values', 1]);
    expect(containsConfigSchema.safeParse({ values: ['x'], mode: 'some' }).error?.issues[0]?.path).toEqual(['mode']);
  });
});
