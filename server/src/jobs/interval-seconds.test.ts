import { describe, expect, it } from 'vitest';
import { intervalSeconds } from './interval-seconds.js';

describe('intervalSeconds', () => {
  it('reads the text form PGlite returns', () => {
    expect(intervalSeconds('00:15:00')).toBe(900);
    expect(intervalSeconds('1 day 02:00:01.5')).toBe(86_400 + 7201.5);
    expect(intervalSeconds('2 days')).toBe(172_800);
  });

  it('reads the object pg returns', () => {
    expect(intervalSeconds({ minutes: 15 })).toBe(900);
    expect(intervalSeconds({ hours: 1, seconds: 30 })).toBe(3630);
  });

  it('counts what it does not know as 0', () => {
    expect(intervalSeconds(null)).toBe(0);
    expect(intervalSeconds('soon')).toBe(0);
  });
});
