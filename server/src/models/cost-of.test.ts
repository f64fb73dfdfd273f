import { describe, expect, it } from 'vitest';
import { costOf } from './cost-of.js';

describe('costOf', () => {
  const priced = { inputPricePerMillion: 0.15, outputPricePerMillion: 0.6 };

  it('prices both sides per million tokens', () => {
    expect(costOf(priced, { inputTokens: 1_000_000, outputTokens: 500_000 })).toBeCloseTo(0.45, 10);
    expect(costOf(priced, { inputTokens: 200, outputTokens: 0 })).toBeCloseTo(0.00003, 12);
  });

  it('is unknown rather than zero when a used side has no price or no counts were reported', () => {
    expect(costOf({ inputPricePerMillion: 1, outputPricePerMillion: null }, { inputTokens: 10, outputTokens: 5 })).toBeNull();
    expect(costOf({ inputPricePerMillion: 1, outputPricePerMillion: null }, { inputTokens: 10, outputTokens: 0 })).toBeCloseTo(
      1e-5,
    );
    expect(costOf(priced, {})).toBeNull();
  });

  it('reads Prisma decimals as numbers', () => {
    expect(costOf({ inputPricePerMillion: '2.5', outputPricePerMillion: '10' }, { inputTokens: 1e6, outputTokens: 1e6 })).toBe(
      12.5,
    );
  });
});
