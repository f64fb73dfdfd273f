import type { ToolCall, ToolDefinition } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { toolParameterAccuracy } from './tool-parameter-accuracy.js';

const tools: ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a city.',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { enum: ['c', 'f'] } },
      required: ['city'],
      additionalProperties: false,
    },
  },
  { name: 'search', description: 'Web search.' },
];

const toolCalls: ToolCall[] = [
  { name: 'get_weather', arguments: { city: 'Paris' }, status: 'ok' },
  { name: 'get_weather', arguments: '{"city": 42}', status: 'ok' },
  { name: 'get_weather', arguments: { city: 'Oslo', unit: 'kelvin' }, status: 'error' },
  { name: 'search', arguments: { q: 'weather in Oslo' }, status: 'ok' },
];

describe('tool-parameter-accuracy', () => {
  it("scores the share of calls valid against their tool's JSON Schema, with each call's errors", async () => {
    const { result, judgeCalls } = await runEvaluator(toolParameterAccuracy(), {
      input: 'Weather in Paris and Oslo?',
      tools,
      toolCalls,
    });
    expect(judgeCalls).toHaveLength(0);
    // Calls 1–3 have a schema and only call 1 is valid; call 4's tool has none: 1 of 3.
    expect(result).toEqual({
      status: 'scored',
      scores: [
        {
          name: 'tool-parameter-accuracy',
          value: 1 / 3,
          reasoning: [
            '1 of 3 checked tool calls have correct arguments; 1 unchecked (no usable JSON Schema).',
            '#2 get_weather: /city must be string',
            '#3 get_weather: /unit must be equal to one of the allowed values',
          ].join('\n'),
          metadata: {
            calls: [
              { index: 0, name: 'get_weather', method: 'json-schema', valid: true },
              { index: 1, name: 'get_weather', method: 'json-schema', valid: false, errors: ['/city must be string'] },
              {
                index: 2,
                name: 'get_weather',
                method: 'json-schema',
                valid: false,
                errors: ['/unit must be equal to one of the allowed values'],
              },
              { index: 3, name: 'search', method: 'unchecked', note: 'the tool declares no JSON Schema' },
            ],
            checked: 3,
            unchecked: 1,
            callsTotal: 4,
          },
        },
      ],
    });
  });

  it('reports arguments that are not JSON, missing required ones and extra ones', async () => {
    const { result } = await runEvaluator(toolParameterAccuracy(), {
      tools,
      toolCalls: [
        { name: 'get_weather', arguments: '{city: Paris', status: 'ok' },
        { name: 'get_weather', arguments: { town: 'Paris' }, status: 'ok' },
      ],
    });
    expect(result).toMatchObject({
      status: 'scored',
      scores: [
        {
          value: 0,
          metadata: {
            calls: [
              { valid: false, errors: [expect.stringMatching(/^arguments are not valid JSON \(/)] },
              {
                valid: false,
                errors: expect.arrayContaining([
                  '(root) must have required property "city"',
                  '(root) must not have additional property "town"',
                ]),
              },
            ],
          },
        },
      ],
    });
  });

  it('asks the judge about calls without a schema when judgeWithoutSchema is on, and carries its call record', async () => {
    const { result, judgeCalls } = await runEvaluator(
      toolParameterAccuracy(),
      { input: 'Weather in Paris and Oslo?', tools, toolCalls },
      {
        config: { judgeWithoutSchema: true },
        judgeReplies: [
          JSON.stringify({
            calls: [{ number: 4, reasoning: 'A fine query, though Paris is left out.', verdict: 'partially-correct' }],
          }),
        ],
      },
    );
    const user = String(judgeCalls[0]?.[1]?.content);
    expect(user).toContain('<request>\nWeather in Paris and Oslo?\n</request>');
    expect(user).toContain('<tools>\n- search: Web search.\n</tools>');
    expect(user).toContain('<tool-calls>\n#4 search({"q":"weather in Oslo"})\n</tool-calls>');
    expect(user).not.toContain('#1');
    // (1 + 0 + 0 + 0.5) / 4
    expect(result).toMatchObject({
      status: 'scored',
      scores: [
        {
          value: 0.375,
          metadata: {
            checked: 4,
            unchecked: 0,
            calls: expect.arrayContaining([
              {
                index: 3,
                name: 'search',
                method: 'judge',
                verdict: 'partially-correct',
                reasoning: 'A fine query, though Paris is left out.',
              },
            ]),
          },
          judge: { promptName: 'agentloop/tool-parameter-accuracy', promptVersion: '1', attempts: 1 },
        },
      ],
    });
  });

  it('fails when the judge keeps answering about calls it was not shown', async () => {
    const wrong = JSON.stringify({ calls: [{ number: 1, reasoning: 'r', verdict: 'correct' }] });
    const { result } = await runEvaluator(
      toolParameterAccuracy(),
      { tools, toolCalls },
      { config: { judgeWithoutSchema: true, maxAttempts: 2 }, judgeReplies: [wrong, wrong] },
    );
    expect(result).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('must be one of the call numbers shown: 4'),
    });
  });

  it('fails when it has calls to judge but no judge', async () => {
    const { result } = await runEvaluator(
      toolParameterAccuracy(),
      { tools, toolCalls },
      { config: { judgeWithoutSchema: true } },
    );
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('no judge model service') });
  });

  it('records a failure rather than a score when no call could be checked', async () => {
    const { result } = await runEvaluator(toolParameterAccuracy(), {
      toolCalls: [{ name: 'search', arguments: { q: 'x' }, status: 'ok' }],
    });
    expect(result).toMatchObject({
      status: 'failed',
      reason:
        'none of the 1 tool calls could be checked: their tools declare no usable JSON Schema (search); turn on judgeWithoutSchema to have a judge check them',
    });
  });

  it("counts calls to undeclared tools as invalid when unknownTools is 'invalid', and treats a broken schema as unchecked", async () => {
    const { result } = await runEvaluator(
      toolParameterAccuracy(),
      {
        tools: [...tools, { name: 'broken', parameters: { type: 'no-such-type' } }],
        toolCalls: [
          { name: 'get_weather', arguments: '{"city":"Rome"}', status: 'ok' },
          { name: 'delete_database', arguments: {}, status: 'ok' },
          { name: 'broken', arguments: {}, status: 'ok' },
        ],
      },
      { config: { unknownTools: 'invalid' } },
    );
    expect(result).toMatchObject({
      status: 'scored',
      scores: [
        {
          value: 0.5,
          metadata: {
            calls: [
              { valid: true },
              { valid: false, errors: ['"delete_database" is not among the declared tools'] },
              { method: 'unchecked', note: expect.stringContaining("the tool's JSON Schema is invalid") },
            ],
          },
        },
      ],
    });
  });
});
