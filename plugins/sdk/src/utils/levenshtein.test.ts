import { describe, expect, it } from 'vitest';
import { levenshteinDistance, levenshteinSimilarity } from './levenshtein.js';

describe('levenshteinDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['same', 'same', 0],
    ['👍🏽', '👍', 1],
    ['北京', '南京', 1],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(levenshteinDistance(a, b)).toBe(distance);
    expect(levenshteinDistance(b, a)).toBe(distance);
  });
});

describe('levenshteinSimilarity', () => {
  it('is 1 for equal strings, 0 for entirely different ones, in between otherwise', () => {
    expect(levenshteinSimilarity('', '')).toBe(1);
    expect(levenshteinSimilarity('abc', 'abc')).toBe(1);
    expect(levenshteinSimilarity('abc', 'xyz')).toBe(0);
    expect(levenshteinSimilarity('abc', '')).toBe(0);
    expect(levenshteinSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7);
  });
});
