import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { PLUGIN_API_VERSION } from './api-version.js';
import { defineEvaluator } from './define-evaluator.js';
import { scored } from './evaluation-result.js';
import type { Plugin } from './plugin.js';
import { PluginDefinitionError } from './plugin-definition-error.js';

const valid = () => ({
  name: 'exact-match',
  version: '1.0.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Scores 1 when the output equals the expected output.',
  configSchema: z.object({ ignoreCase: z.boolean().default(false) }),
  inputs: { required: ['output' as const, 'expectedOutput' as const] },
  scores: [{ name: 'exact-match', kind: 'numeric' as const, range: { min: 0, max: 1 }, higherIsBetter: true }],
  async evaluate() {
    return scored({ name: 'exact-match', value: 1 });
  },
});

function definitionError(change: (definition: Record<string, unknown>) => void): PluginDefinitionError {
  const definition: Record<string, unknown> = valid();
  change(definition);
  try {
    defineEvaluator(definition as never);
  } catch (error) {
    expect(error).toBeInstanceOf(PluginDefinitionError);
    return error as PluginDefinitionError;
  }
  throw new Error('expected defineEvaluator to throw');
}

describe('defineEvaluator', () => {
  it('returns a frozen plain object with kind evaluator', () => {
    const plugin = defineEvaluator(valid());
    expect(plugin.kind).toBe('evaluator');
    expect(plugin.name).toBe('exact-match');
    expect(Object.isFrozen(plugin)).toBe(true);
    expect(Object.isFrozen(plugin.scores)).toBe(true);
    expect(Object.isFrozen(plugin.inputs.required)).toBe(true);
    expect(Object.getPrototypeOf(plugin)).toBe(Object.prototype);
  });

  it('infers the config type from the schema', () => {
    const plugin = defineEvaluator({
      ...valid(),
      async evaluate({ config }) {
        expectTypeOf(config).toEqualTypeOf<{ ignoreCase: boolean }>();
        return scored({ name: 'exact-match', value: config.ignoreCase ? 1 : 0 });
      },
    });
    const plugins: readonly Plugin[] = [plugin];
    expect(plugins).toHaveLength(1);
  });

  it('copies the arrays so later changes to the definition do not reach the plugin', () => {
    const definition = valid();
    const plugin = defineEvaluator(definition);
    definition.inputs.required.push('metadata' as never);
    expect(plugin.inputs.required).toEqual(['output', 'expectedOutput']);
  });

  it.each([
    ['name', (d: Record<string, unknown>) => (d.name = 'ExactMatch'), /kebab-case/],
    ['version', (d: Record<string, unknown>) => (d.version = '1.0'), /semver/],
    ['apiVersion', (d: Record<string, unknown>) => (d.apiVersion = 2), /unsupported apiVersion 2; this SDK supports 1/],
    ['description', (d: Record<string, unknown>) => (d.description = '  '), /must not be empty/],
    ['configSchema', (d: Record<string, unknown>) => (d.configSchema = { type: 'object' }), /zod 4 schema/],
    ['evaluate', (d: Record<string, unknown>) => delete d.evaluate, /evaluate must be a function/],
    ['inputs.required[0]', (d: Record<string, unknown>) => (d.inputs = { required: ['answer'] }), /must be one of input, output/],
    ['scores', (d: Record<string, unknown>) => (d.scores = []), /at least one score/],
    [
      'scores[0].range.max',
      (d: Record<string, unknown>) =>
        (d.scores = [{ name: 'x', kind: 'numeric', range: { min: 1, max: 1 }, higherIsBetter: true }]),
      /min must be less than/,
    ],
    [
      'scores[0].labels',
      (d: Record<string, unknown>) => (d.scores = [{ name: 'x', kind: 'label', labels: ['a', 'a'] }]),
      /must not repeat/,
    ],
    [
      'scores[1].name',
      (d: Record<string, unknown>) =>
        (d.scores = [
          { name: 'x', kind: 'label', labels: ['a'] },
          { name: 'x', kind: 'label', labels: ['b'] },
        ]),
      /duplicate score name "x"/,
    ],
    ['', (d: Record<string, unknown>) => (d.need = { judge: true }), /unknown field need/],
  ])('names the offending field %s', (field, change, message) => {
    const error = definitionError(change);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.code).toBe('INVALID_PLUGIN_DEFINITION');
  });

  it('names the plugin in the message and lists every issue', () => {
    const error = definitionError((d) => {
      d.version = 'one';
      delete d.evaluate;
    });
    expect(error.pluginName).toBe('exact-match');
    expect(error.message).toMatch(/^Invalid plugin "exact-match": /);
    expect(error.issues.map((issue) => issue.field).sort()).toEqual(['evaluate', 'version']);
  });

  it('accepts scores as a function of the config', () => {
    const plugin = defineEvaluator({
      ...valid(),
      configSchema: z.object({ labels: z.array(z.string()) }),
      scores: (config) => [{ name: 'verdict', kind: 'label', labels: config.labels }],
      async evaluate() {
        return scored({ name: 'verdict', label: 'good' });
      },
    });
    expect(typeof plugin.scores).toBe('function');
  });

  it('derives a plugin from an existing one', () => {
    const derived = defineEvaluator({ ...defineEvaluator(valid()), name: 'strict-match' });
    expect(derived).toMatchObject({ kind: 'evaluator', name: 'strict-match' });
    expect(() => defineEvaluator({ ...valid(), kind: 'memory-strategy' } as never)).toThrow(/kind must be "evaluator"/);
  });

  it('rejects a non-object definition', () => {
    expect(() => defineEvaluator(undefined as never)).toThrow(PluginDefinitionError);
  });
});
