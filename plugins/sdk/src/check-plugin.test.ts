import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PLUGIN_API_VERSION } from './api-version.js';
import { checkPlugin } from './check-plugin.js';
import { defineEvaluator } from './define-evaluator.js';
import { defineMemoryStrategy } from './define-memory-strategy.js';
import { scored } from './evaluation-result.js';

const evaluator = defineEvaluator({
  name: 'length',
  version: '1.0.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Output length.',
  configSchema: z.object({}),
  inputs: { required: ['output'] },
  scores: [{ name: 'length', kind: 'numeric', range: { min: 0, max: 1_000_000 }, higherIsBetter: false }],
  async evaluate() {
    return scored({ name: 'length', value: 1 });
  },
});

describe('checkPlugin', () => {
  it('accepts plugins made by the define helpers, returning the same object', () => {
    expect(checkPlugin(evaluator)).toEqual({ ok: true, plugin: evaluator });
    const strategy = defineMemoryStrategy({
      name: 'noop',
      version: '1.0.0',
      apiVersion: PLUGIN_API_VERSION,
      description: 'Extracts nothing.',
      configSchema: z.object({}),
      extract: async () => ({ status: 'extracted', memories: [] }),
    });
    expect(checkPlugin(strategy)).toMatchObject({ ok: true });
  });

  it('holds hand-made objects to the same rules, naming the field', () => {
    const check = checkPlugin({ ...evaluator, apiVersion: 2 });
    expect(check).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Invalid plugin "length": apiVersion: unsupported apiVersion 2; this SDK supports 1/),
    });
    expect(checkPlugin({ ...evaluator, evaluate: 'yes' })).toMatchObject({ ok: false, issues: [{ field: 'evaluate' }] });
  });

  it('refuses values that are not plugins', () => {
    expect(checkPlugin({ name: 'x' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/kind is undefined, expected "evaluator"/),
    });
    expect(checkPlugin(null)).toMatchObject({ ok: false, reason: 'not a plugin: expected a plugin object, got null' });
    expect(checkPlugin(() => {})).toMatchObject({ ok: false, reason: expect.stringMatching(/got function/) });
  });
});
