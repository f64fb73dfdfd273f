import type { EvaluationSample } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { regex, regexConfigSchema } from './regex.js';

type Sample = Omit<EvaluationSample, 'target'>;

describe('regex', () => {
  const plugin = regex();

  it.each<[string, Sample, Record<string, unknown>, number, string]>([
    [
      'a match',
      { output: 'Your order #123456 shipped' },
      { pattern: '#\\d{6}' },
      1,
      "output matches /#\\d{6}/ at index 11: '#123456'",
    ],
    ['no match', { output: 'Your order shipped' }, { pattern: '#\\d{6}' }, 0, 'output does not match /#\\d{6}/'],
    ['case-sensitive without flags', { output: 'REFUND issued' }, { pattern: 'refund' }, 0, 'output does not match /refund/'],
    [
      'the i flag',
      { output: 'REFUND issued' },
      { pattern: 'refund', flags: 'i' },
      1,
      "output matches /refund/i at index 0: 'REFUND'",
    ],
    ['anchors see the whole text', { output: 'yes, sure' }, { pattern: '^(yes|no)$' }, 0, 'output does not match /^(yes|no)$/'],
    [
      'the m flag makes anchors per line',
      { output: 'Answer:\nyes' },
      { pattern: '^(yes|no)$', flags: 'm' },
      1,
      "output matches /^(yes|no)$/m at index 8: 'yes'",
    ],
    [
      "expect 'no-match' passes when absent",
      { output: 'Happy to help.' },
      { pattern: 'as an AI', flags: 'i', expect: 'no-match' },
      1,
      'output does not match /as an AI/i',
    ],
    [
      "expect 'no-match' fails when present",
      { output: 'As an AI model, I cannot' },
      { pattern: 'as an AI', flags: 'i', expect: 'no-match' },
      0,
      "output matches /as an AI/i at index 0: 'As an AI', which it must not",
    ],
    [
      'unicode property escapes with u',
      { output: 'Grüße' },
      { pattern: '^\\p{L}+$', flags: 'u' },
      1,
      "output matches /^\\p{L}+$/u at index 0: 'Grüße'",
    ],
    [
      'a metadata field',
      { metadata: { locale: 'fr-FR' } },
      { field: 'metadata.locale', pattern: '^[a-z]{2}-[A-Z]{2}$' },
      1,
      "metadata.locale matches /^[a-z]{2}-[A-Z]{2}$/ at index 0: 'fr-FR'",
    ],
  ])('%s', async (_name, sample, config, value, reasoning) => {
    const { result } = await runEvaluator(plugin, sample, { config });
    expect(result).toMatchObject({ status: 'scored', scores: [{ name: 'regex', value, reasoning }] });
  });

  it('records the match in metadata', async () => {
    const { result } = await runEvaluator(plugin, { output: 'id: 42' }, { config: { pattern: '\\d+' } });
    expect(result).toMatchObject({ scores: [{ metadata: { expect: 'match', match: '42', index: 4 } }] });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['an unbalanced group', { pattern: '(refund' }, 'pattern', 'invalid regular expression'],
    ['a dangling quantifier', { pattern: '*refund' }, 'pattern', 'invalid regular expression'],
    ['an empty pattern', { pattern: '' }, 'pattern', 'must not be empty'],
    ['the g flag', { pattern: 'a', flags: 'g' }, 'flags', 'not needed'],
    ['an unknown flag', { pattern: 'a', flags: 'x' }, 'flags', 'may contain only'],
    ['a repeated flag', { pattern: 'a', flags: 'ii' }, 'flags', 'invalid regular expression'],
    ['u and v together', { pattern: 'a', flags: 'uv' }, 'flags', 'invalid regular expression'],
    ['no pattern at all', {}, 'pattern', ''],
  ])('rejects %s at config time, pointing at the field', (_name, config, path, message) => {
    const parsed = regexConfigSchema.safeParse(config);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([path]);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });

  it('fails instead of hanging on catastrophic backtracking', async () => {
    const started = performance.now();
    const { result } = await runEvaluator(plugin, { output: `${'a'.repeat(40)}!` }, { config: { pattern: '^(a+)+$' } });
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('catastrophic backtracking') });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses texts over maxInputLength', async () => {
    const { result } = await runEvaluator(plugin, { output: 'a'.repeat(101) }, { config: { pattern: 'a', maxInputLength: 100 } });
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('over maxInputLength 100') });
  });

  it('fails (not 0) when the field is missing', async () => {
    const { result } = await runEvaluator(plugin, { input: 'x' }, { config: { pattern: 'a' } });
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('needs output') });
  });
});
