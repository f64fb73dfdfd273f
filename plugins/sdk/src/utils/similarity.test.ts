import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from './cosine-similarity.js';
import { tokenJaccard } from './token-jaccard.js';
import { tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('lower-cases words, drops punctuation, splits CJK into characters', () => {
    expect(tokenize('Hello, World! Ça va? 42x')).toEqual(['hello', 'world', 'ça', 'va', '42x']);
    expect(tokenize('我爱北京 in Beijing')).toEqual(['我', '爱', '北', '京', 'in', 'beijing']);
    expect(tokenize('  ...  ')).toEqual([]);
  });
});

describe('tokenJaccard', () => {
  it('compares word sets, ignoring case, punctuation and order', () => {
    expect(tokenJaccard('The cat sat.', 'sat the CAT')).toBe(1);
    expect(tokenJaccard('a b', 'b c')).toBeCloseTo(1 / 3);
    expect(tokenJaccard('a', 'b')).toBe(0);
    expect(tokenJaccard('', '')).toBe(1);
    expect(tokenJaccard('a', '')).toBe(0);
  });
});

describe('cosineSimilarity', () => {
  it('measures the angle between vectors', () => {
    expect(cosineSimilarity([1, 0], [1, 0])).toBe(1);
    expect(cosineSimilarity([1, 0], [0, 2])).toBe(0);
    expect(cosineSimilarity([1, 1], [-1, -1])).toBe(-1);
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1);
    expect(cosineSimilarity([0.1, 0.2, 0.3], [0.1, 0.2, 0.3])).toBeLessThanOrEqual(1);
  });

  it('treats a zero vector as similar to nothing, and refuses different lengths', () => {
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
    expect(cosineSimilarity([], [])).toBe(0);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(RangeError);
  });
});
