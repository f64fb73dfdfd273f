import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PLUGIN_API_VERSION } from './api-version.js';
import { configJsonSchema } from './config-json-schema.js';
import { defineEvaluator } from './define-evaluator.js';
import { failed, scored } from './evaluation-result.js';
import { PluginDefinitionError } from './plugin-definition-error.js';
import { resolveScoreDefinitions } from './resolve-score-definitions.js';
import { validateEvaluationResult } from './validate-evaluation-result.js';

const plugin = defineEvaluator({
  name: 'quality',
  version: '1.0.0',
  apiVersion: PLUGIN_API_VERSION,
  description: 'Test plugin.',
  configSchema: z.object({ threshold: z.number().min(0).max(1).default(0.5).describe('pass mark') }),
  inputs: { required: ['output'] },
  scores: [
    { name: 'score', kind: 'numeric', range: { min: 0, max: 1 }, higherIsBetter: true },
    { name: 'verdict', kind: 'label', labels: ['pass', 'fail'] },
  ],
  async evaluate() {
    return scored({ name: 'score', value: 1 });
  },
});

describe('validateEvaluationResult', () => {
  it('accepts declared scores in range and failures', () => {
    const result = scored({ name: 'score', value: 0.25, reasoning: 'ok' }, { name: 'verdict', label: 'fail', value: 0 });
    expect(validateEvaluationResult(plugin, result)).toEqual({ ok: true, result });
    expect(validateEvaluationResult(plugin, failed('judge down', { retryable: true }))).toMatchObject({ ok: true });
  });

  it('accepts a subset of the declared scores', () => {
    expect(validateEvaluationResult(plugin, scored({ name: 'verdict', label: 'pass' })).ok).toBe(true);
  });

  it.each([
    [undefined, /invalid result shape/],
    [{ status: 'done' }, /invalid result shape/],
    [scored(), /at least one score/],
    [failed(''), /needs a reason/],
    [scored({ name: 'other', value: 1 }), /"other" is not declared by plugin "quality" \(declared: score, verdict\)/],
    [scored({ name: 'score', value: 1.5 }), /outside its range \[0, 1\]/],
    [scored({ name: 'score', value: Number.NaN }), /invalid result shape/],
    [scored({ name: 'score', value: Number.POSITIVE_INFINITY }), /invalid result shape/],
    [scored({ name: 'score' }), /numeric score "score" has no value/],
    [scored({ name: 'score', value: 1, label: 'pass' }), /must not have a label/],
    [scored({ name: 'verdict' }), /label score "verdict" has no label/],
    [scored({ name: 'verdict', label: 'maybe' }), /label "maybe" is not one of its labels \(pass, fail\)/],
    [scored({ name: 'score', value: 1 }, { name: 'score', value: 0 }), /appears more than once/],
  ])('rejects %j', (result, reason) => {
    const validation = validateEvaluationResult(plugin, result);
    expect(validation.ok).toBe(false);
    if (!validation.ok) expect(validation.reason).toMatch(reason);
  });

  describe('with scores declared from the config', () => {
    const judge = defineEvaluator({
      name: 'custom-judge',
      version: '1.0.0',
      apiVersion: PLUGIN_API_VERSION,
      description: 'Test plugin.',
      configSchema: z.object({ labels: z.array(z.string()) }),
      inputs: { required: ['output'] },
      scores: (config) => [{ name: 'verdict', kind: 'label', labels: config.labels }],
      async evaluate() {
        return scored({ name: 'verdict', label: 'a' });
      },
    });

    it('validates against the definitions for that config', () => {
      expect(validateEvaluationResult(judge, scored({ name: 'verdict', label: 'a' }), { config: { labels: ['a'] } }).ok).toBe(
        true,
      );
      expect(validateEvaluationResult(judge, scored({ name: 'verdict', label: 'a' }), { config: { labels: ['b'] } }).ok).toBe(
        false,
      );
    });

    it('needs the config', () => {
      expect(validateEvaluationResult(judge, scored({ name: 'verdict', label: 'a' }))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/pass the config/),
      });
    });

    it('reports definitions that the function got wrong', () => {
      expect(() => resolveScoreDefinitions(judge, { labels: [] })).toThrow(PluginDefinitionError);
      expect(() => resolveScoreDefinitions(judge, { labels: [] })).toThrow(
        /scores\[0\]\.labels: a label score needs at least one label/,
      );
      expect(validateEvaluationResult(judge, scored({ name: 'verdict', label: 'a' }), { config: { labels: [] } }).ok).toBe(false);
    });
  });
});

describe('configJsonSchema', () => {
  it('describes the config a user writes (defaults make fields optional)', () => {
    expect(configJsonSchema(plugin)).toMatchObject({
      type: 'object',
      properties: { threshold: { type: 'number', minimum: 0, maximum: 1, default: 0.5, description: 'pass mark' } },
    });
    expect(configJsonSchema(plugin).required).toBeUndefined();
  });

  it('renders unrepresentable parts as unconstrained instead of throwing', () => {
    const schema = z.object({ when: z.date(), pattern: z.string().transform((value) => new RegExp(value)) });
    expect(() => configJsonSchema({ configSchema: schema })).not.toThrow();
  });
});
