import { z } from '@agentloop/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { comparedTexts, comparisonConfigFields } from './compared-texts.js';

const config = z.strictObject(comparisonConfigFields('reference')).parse({ caseSensitive: false, normalizeWhitespace: true });
const target = { type: 'trace' as const, id: 't' };

describe('comparedTexts', () => {
  it('normalises the field and the expected output alike', () => {
    expect(comparedTexts('check', { target, output: '  Hello   World ', expectedOutput: 'hello world' }, config)).toEqual({
      ok: true,
      left: 'hello world',
      right: 'hello world',
      source: 'expectedOutput',
    });
    expect(comparedTexts('check', { target, output: 'x' }, { ...config, value: 'Y' })).toMatchObject({
      right: 'y',
      source: 'value',
    });
  });

  it('records why a side is missing', () => {
    const noOutput = comparedTexts('check', { target, expectedOutput: 'a' }, config);
    expect(noOutput.ok === false && noOutput.result.reason).toContain('output');
    const noReference = comparedTexts('check', { target, output: 'a' }, config);
    expect(noReference.ok === false && noReference.result.reason).toContain('check needs expectedOutput');
  });
});
