import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './iso-timestamp.js';

describe('isoTimestamp', () => {
  it('spells every millisecond exactly as Date#toISOString does', () => {
    const samples = [
      0,
      Date.UTC(2000, 0, 1),
      Date.UTC(2026, 10, 21, 23, 59, 59, 999),
      Date.UTC(2026, 10, 22, 0, 0, 0, 1),
      Date.UTC(2028, 1, 29, 12, 30, 5, 42),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10000, 0, 1),
      -1,
      Date.UTC(1969, 6, 20, 20, 17, 40),
    ];
    // Also a walk across many days, hours and milliseconds in both directions of the day cache.
    for (let i = 0; i < 5000; i++)
      samples.push(Date.UTC(2026, 0, 1) + i * 7_777_777 + (i % 1000), Date.UTC(2026, 0, 1) - i * 999);
    for (const ms of samples) expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
  });
});
