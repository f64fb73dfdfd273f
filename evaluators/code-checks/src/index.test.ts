import { configJsonSchema, type EvaluatorPlugin, validateEvaluationResult } from '@agentloop/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { plugins } from './index.js';

describe('@agentloop/evaluator-code-checks', () => {
  it('exports its six deterministic evaluators under distinct names', () => {
    expect(plugins.map((plugin) => plugin.name)).toEqual([
      'exact-match',
      'contains',
      'regex',
      'json-validity',
      'json-schema',
      'levenshtein',
    ]);
    for (const plugin of plugins) {
      expect(plugin.kind).toBe('evaluator');
      expect((plugin as EvaluatorPlugin).needs?.judge).toBeFalsy();
    }
  });

  it('publishes every config schema as JSON Schema with the field option', () => {
    for (const plugin of plugins) {
      const schema = configJsonSchema(plugin);
      expect(schema).toMatchObject({ type: 'object', properties: { field: { type: 'string', default: 'output' } } });
    }
  });

  it('declares numeric 0..1 scores, higher is better', () => {
    for (const plugin of plugins) {
      const evaluator = plugin as EvaluatorPlugin;
      expect(evaluator.scores).toEqual([
        expect.objectContaining({ name: plugin.name, kind: 'numeric', range: { min: 0, max: 1 }, higherIsBetter: true }),
      ]);
      expect(validateEvaluationResult(evaluator, { status: 'scored', scores: [{ name: plugin.name, value: 1 }] }).ok).toBe(true);
    }
  });
});
