import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { judgeConfigFields } from './judge-config.js';

describe('judgeConfigFields', () => {
  const schema = z.object({ ...judgeConfigFields, strictness: z.enum(['lenient', 'strict']).default('strict') });

  it('defaults to 8000 characters and 3 attempts beside the plugin’s own options', () => {
    expect(schema.parse({})).toEqual({ maxChars: 8000, maxAttempts: 3, strictness: 'strict' });
  });

  it('refuses budgets outside their bounds, naming the field', () => {
    const tooSmall = schema.safeParse({ maxChars: 10 });
    expect(tooSmall.success).toBe(false);
    expect(tooSmall.error?.issues[0]?.path).toEqual(['maxChars']);
    expect(schema.safeParse({ maxAttempts: 6 }).error?.issues[0]?.path).toEqual(['maxAttempts']);
    expect(schema.safeParse({ maxAttempts: 1.5 }).success).toBe(false);
  });
});
