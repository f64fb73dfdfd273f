import { describe, expect, it } from 'vitest';
import { repeatsARepetition } from './nested-repetition.js';

describe('repeatsARepetition', () => {
  it('finds a repeated group that repeats inside, however deep', () => {
    for (const pattern of ['(a+)+', '(\\d*-?)*', '^(x|y+){2,}$', '((a+)b)*', '(?:[a-z]+\\.)+com']) {
      expect(repeatsARepetition(pattern), pattern).toBe(true);
    }
  });

  it('lets the patterns prices are written with through', () => {
    for (const pattern of [
      '^gpt-4o(-\\d{4}-\\d{2}-\\d{2})?$',
      '^claude-3-5-sonnet(-\\d{8})?$',
      '^(gpt-4o|gpt-4\\.1)-mini',
      '(a|b)*',
      '[(+*)]+',
      '\\(a+\\)+',
      'text-embedding-3-(small|large)',
    ]) {
      expect(repeatsARepetition(pattern), pattern).toBe(false);
    }
  });
});
