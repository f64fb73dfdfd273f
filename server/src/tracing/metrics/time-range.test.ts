import { describe, expect, it } from 'vitest';
import { countBuckets, firstBucketStart } from './time-range.js';

const range = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

describe('countBuckets', () => {
  it('counts the epoch-aligned buckets that overlap [from, to)', () => {
    expect(countBuckets(range('2026-11-21T10:00:00Z', '2026-11-21T10:05:00Z'), 60)).toBe(5);
    // 10:00:30 falls in the 10:00 bucket, 10:05:00 is excluded.
    expect(countBuckets(range('2026-11-21T10:00:30Z', '2026-11-21T10:05:00Z'), 60)).toBe(5);
    expect(countBuckets(range('2026-11-21T10:00:00Z', '2026-11-21T10:05:00.001Z'), 60)).toBe(6);
    expect(countBuckets(range('2026-11-21T10:00:00Z', '2026-11-21T10:05:00Z'), 120)).toBe(3);
    expect(countBuckets(range('2026-11-21T00:00:00Z', '2026-11-24T00:00:00Z'), 60)).toBe(4320);
  });

  it('aligns to UTC midnight for days', () => {
    expect(firstBucketStart(new Date('2026-11-21T17:45:00Z'), 86_400).toISOString()).toBe('2026-11-21T00:00:00.000Z');
    expect(firstBucketStart(new Date('2026-11-21T17:45:00Z'), 300).toISOString()).toBe('2026-11-21T17:45:00.000Z');
  });
});
