import type { EvaluationSample } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { jsonSchema, jsonSchemaConfigSchema } from './json-schema.js';

type Sample = Omit<EvaluationSample, 'target'>;

const weather = {
  type: 'object',
  properties: { city: { type: 'string' }, celsius: { type: 'number', minimum: -90, maximum: 60 } },
  required: ['city', 'celsius'],
  additionalProperties: false,
};

describe('json-schema', () => {
  const plugin = jsonSchema();

  it.each<[string, Sample, Record<string, unknown>, number, string[]]>([
    ['a conforming object', { output: '{"city": "Paris", "celsius": 21}' }, { schema: weather }, 1, []],
    ['structured output', { output: { city: 'Oslo', celsius: -3 } }, { schema: weather }, 1, []],
    ['a wrong type', { output: '{"city": 7, "celsius": 21}' }, { schema: weather }, 0, ['/city must be string']],
    [
      'a missing property',
      { output: '{"city": "Paris"}' },
      { schema: weather },
      0,
      ['(root) must have required property "celsius"'],
    ],
    [
      'an extra property and an out-of-range value',
      { output: '{"city": "Paris", "celsius": 99, "wind": 3}' },
      { schema: weather },
      0,
      ['(root) must not have additional property "wind"', '/celsius must be <= 60'],
    ],
    ['not JSON at all', { output: 'sunny' }, { schema: weather }, 0, ['not valid JSON: ']],
    [
      'a fenced answer with allowCodeFence',
      { output: '```json\n{"city":"Rome","celsius":30}\n```' },
      { schema: weather, allowCodeFence: true },
      1,
      [],
    ],
    [
      'a 2020-12 schema',
      { output: '[1, "x"]' },
      {
        schema: {
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          prefixItems: [{ type: 'number' }, { type: 'string' }],
        },
      },
      1,
      [],
    ],
    ['the schema true accepts anything', { output: '"anything"' }, { schema: true }, 1, []],
    ['the schema false accepts nothing', { output: '{}' }, { schema: false }, 0, ['(root) is not allowed by the schema (false)']],
  ])('%s', async (_name, sample, config, value, errors) => {
    const { result } = await runEvaluator(plugin, sample, { config });
    expect(result.status).toBe('scored');
    if (result.status !== 'scored') return;
    expect(result.scores[0]).toMatchObject({ name: 'json-schema', value });
    const recorded = result.scores[0]?.metadata?.errors as string[];
    expect(recorded).toHaveLength(errors.length);
    errors.forEach((error, index) => {
      expect(recorded[index]).toContain(error);
    });
  });

  it('explains a violation in the reasoning', async () => {
    const { result } = await runEvaluator(plugin, { output: '{"city": 7, "celsius": 21}' }, { config: { schema: weather } });
    expect(result).toMatchObject({ scores: [{ reasoning: 'output does not conform to the schema: /city must be string' }] });
  });

  it.each<[string, unknown, string]>([
    ['an unknown type name', { type: 'strin' }, 'invalid JSON Schema'],
    ['a non-schema value', 'object', 'must be a JSON Schema'],
    ['a minimum that is not a number', { type: 'number', minimum: 'zero' }, 'invalid JSON Schema'],
  ])('rejects %s at config time, pointing at schema', (_name, schema, message) => {
    const parsed = jsonSchemaConfigSchema.safeParse({ schema });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['schema']);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });

  it('requires a schema', () => {
    expect(jsonSchemaConfigSchema.safeParse({}).error?.issues[0]?.path).toEqual(['schema']);
  });

  it('fails (not 0) when the field is missing', async () => {
    const { result } = await runEvaluator(plugin, { input: '{}' }, { config: { schema: true } });
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('needs output') });
  });
});
