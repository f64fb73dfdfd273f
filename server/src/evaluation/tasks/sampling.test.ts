import { describe, expect, it } from 'vitest';
import { sampledIn, samplePoint } from './sampling.js';

describe('sampling', () => {
  it('places a key at the same point every time, in [0, 1)', () => {
    const point = samplePoint('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(point).toBe(samplePoint('4bf92f3577b34da6a3ce929d0e0e4736'));
    expect(point).toBeGreaterThanOrEqual(0);
    expect(point).toBeLessThan(1);
  });

  it('keeps close to the rate over many keys, and a lower rate keeps a subset of a higher one', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `trace-${i}`);
    const half = keys.filter((key) => sampledIn(key, 0.5));
    const tenth = keys.filter((key) => sampledIn(key, 0.1));
    expect(half.length / keys.length).toBeGreaterThan(0.47);
    expect(half.length / keys.length).toBeLessThan(0.53);
    const halfSet = new Set(half);
    expect(tenth.every((key) => halfSet.has(key))).toBe(true);
    expect(keys.every((key) => sampledIn(key, 1))).toBe(true);
    expect(keys.some((key) => sampledIn(key, 0))).toBe(false);
  });
});
