import { describe, expect, it } from 'vitest';
// The README's third-party package, verbatim but for the import path, so the example stays true.
import { defineEvaluator, PLUGIN_API_VERSION, type Plugin, scored, toText, z } from './index.js';
import { runEvaluator } from './testing/index.js';

export const shouting = () =>
  defineEvaluator({
    name: 'shouting',
    version: '1.0.0',
    apiVersion: PLUGIN_API_VERSION,
    description: 'Share of upper-case letters in the answer.',
    configSchema: z.object({ threshold: z.number().min(0).max(1).default(0.5) }),
    inputs: { required: ['output'] },
    scores: [{ name: 'shouting', kind: 'numeric', range: { min: 0, max: 1 }, higherIsBetter: false }],
    async evaluate({ sample, config }) {
      const letters = toText(sample.output).replace(/\P{L}/gu, '');
      const value = letters ? letters.replace(/\P{Lu}/gu, '').length / letters.length : 0;
      return scored({ name: 'shouting', value, reasoning: value > config.threshold ? 'shouting' : 'calm' });
    },
  });

export const plugins: readonly Plugin[] = [shouting()];

describe('the README example', () => {
  it('scores shouting', async () => {
    const { result } = await runEvaluator(shouting(), { output: 'STOP IT' });
    expect(result).toMatchObject({ status: 'scored', scores: [{ name: 'shouting', value: 1 }] });
  });

  it('scores calm text', async () => {
    const { result } = await runEvaluator(
      plugins[0] as ReturnType<typeof shouting>,
      { output: 'Hello, World' },
      { config: { threshold: 0.1 } },
    );
    expect(result).toMatchObject({ status: 'scored', scores: [{ name: 'shouting', value: 0.2, reasoning: 'shouting' }] });
  });
});
