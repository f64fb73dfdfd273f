import type { ToolCall } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { toolCallSuccessRate } from './tool-call-success-rate.js';

const toolCalls: ToolCall[] = [
  { name: 'search', arguments: { q: 'a' }, status: 'ok', spanId: 's1' },
  { name: 'get_weather', arguments: { city: 'Oslo' }, status: 'error', error: 'timeout after 5s', spanId: 's2' },
  { name: 'search', arguments: { q: 'b' }, status: 'unset', spanId: 's3' },
  { name: 'calculator', arguments: '2+2', status: 'ok' },
];

describe('tool-call-success-rate', () => {
  it('is successful calls ÷ calls, counting unset as success by default, and lists the failures', async () => {
    const { result } = await runEvaluator(toolCallSuccessRate(), { toolCalls });
    expect(result).toEqual({
      status: 'scored',
      scores: [
        {
          name: 'tool-call-success-rate',
          value: 0.75,
          reasoning:
            '3 of 4 tool calls succeeded (1 with unset status counted as success); failed: #2 get_weather (timeout after 5s).',
          metadata: {
            total: 4,
            counted: 4,
            succeeded: 3,
            failed: 1,
            unset: 1,
            unsetStatus: 'success',
            failures: [{ index: 1, name: 'get_weather', status: 'error', error: 'timeout after 5s', spanId: 's2' }],
          },
        },
      ],
    });
  });

  it('counts unset as failure, or leaves it out, when configured', async () => {
    const asFailure = await runEvaluator(toolCallSuccessRate(), { toolCalls }, { config: { unsetStatus: 'failure' } });
    expect(asFailure.result).toMatchObject({ status: 'scored', scores: [{ value: 0.5, metadata: { failed: 2 } }] });
    const excluded = await runEvaluator(toolCallSuccessRate(), { toolCalls }, { config: { unsetStatus: 'exclude' } });
    expect(excluded.result).toMatchObject({
      status: 'scored',
      scores: [{ value: 2 / 3, metadata: { counted: 3, succeeded: 2 } }],
    });
  });

  it('records "no tool calls to rate" instead of a score for a run without tool calls', async () => {
    for (const sample of [{}, { toolCalls: [] }]) {
      const { result } = await runEvaluator(toolCallSuccessRate(), sample);
      expect(result).toEqual({ status: 'failed', reason: 'no tool calls to rate' });
    }
  });

  it('fails when every call is unset and unset calls are excluded', async () => {
    const { result } = await runEvaluator(
      toolCallSuccessRate(),
      { toolCalls: [{ name: 'search', arguments: {}, status: 'unset' }] },
      { config: { unsetStatus: 'exclude' } },
    );
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('no tool call has a known status') });
  });

  it('needs no judge', () => {
    expect(toolCallSuccessRate().needs).toBeUndefined();
  });
});
