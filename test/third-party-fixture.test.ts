import { checkPlugin } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript, as a third party would publish it; typed by the SDK at run time.
import { plugins, wordCount } from './fixtures/third-party-evaluator/index.js';

// The fixture other tests `npm pack` and install: it must itself be a valid plugin package.
describe('the third-party evaluator fixture', () => {
  it('exports a plugin the host accepts, which counts words within its configured range', async () => {
    expect(plugins.map((plugin: { name: string }) => plugin.name)).toEqual(['word-count']);
    expect(checkPlugin(plugins[0])).toMatchObject({ ok: true });
    const { result } = await runEvaluator(wordCount(), { output: 'one two  three' }, { config: { max: 2 } });
    expect(result).toEqual({ status: 'scored', scores: [{ name: 'word-count', value: 2, reasoning: '3 words' }] });
  });
});
