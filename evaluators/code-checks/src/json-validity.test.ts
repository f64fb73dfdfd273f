import type { EvaluationSample } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { jsonValidity } from './json-validity.js';

type Sample = Omit<EvaluationSample, 'target'>;

describe('json-validity', () => {
  const plugin = jsonValidity();

  it.each<[string, Sample, Record<string, unknown>, number, string]>([
    ['an object', { output: '{"city": "Paris"}' }, {}, 1, 'output is valid JSON: an object'],
    ['an array with surrounding whitespace', { output: '\n [1, 2]\n' }, {}, 1, 'output is valid JSON: an array'],
    ['a bare number', { output: '42' }, {}, 1, 'output is valid JSON: a number'],
    ['prose', { output: 'Paris is the capital.' }, {}, 0, 'output is not valid JSON'],
    ['a trailing comma', { output: '{"a": 1,}' }, {}, 0, 'output is not valid JSON'],
    ['single quotes', { output: "{'a': 1}" }, {}, 0, 'output is not valid JSON'],
    ['an empty string', { output: '' }, {}, 0, 'output is not valid JSON: it is empty'],
    ['a code fence, not allowed by default', { output: '```json\n{"a": 1}\n```' }, {}, 0, 'output is not valid JSON'],
    [
      'a code fence, allowCodeFence',
      { output: '```json\n{"a": 1}\n```' },
      { allowCodeFence: true },
      1,
      'output is valid JSON (in a code fence): an object',
    ],
    [
      'a bare fence, allowCodeFence',
      { output: '```\n[true]\n```' },
      { allowCodeFence: true },
      1,
      'output is valid JSON (in a code fence): an array',
    ],
    ['structured output', { output: { city: 'Paris' } }, {}, 1, 'output is valid JSON (recorded as structured data): an object'],
    ['expect object, got object', { output: '{}' }, { expect: 'object' }, 1, 'output is valid JSON: an object'],
    ['expect object, got array', { output: '[]' }, { expect: 'object' }, 0, 'output is valid JSON but an array, not an object'],
    ['expect array, got string', { output: '"hi"' }, { expect: 'array' }, 0, 'output is valid JSON but a string, not an array'],
    ['the input field', { input: '{"q": 1}', output: 'x' }, { field: 'input' }, 1, 'input is valid JSON: an object'],
  ])('%s', async (_name, sample, config, value, reasoning) => {
    const { result } = await runEvaluator(plugin, sample, { config });
    expect(result).toMatchObject({
      status: 'scored',
      scores: [{ name: 'json-validity', value, reasoning: expect.stringContaining(reasoning) }],
    });
  });

  it('fails (not 0) when the field is missing', async () => {
    const { result } = await runEvaluator(plugin, { input: '{}' });
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('needs output') });
  });
});
