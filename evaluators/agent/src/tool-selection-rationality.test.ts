import type { ToolCall } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { toolSelectionRationality } from './tool-selection-rationality.js';

const toolCalls: ToolCall[] = [
  { name: 'search', arguments: { q: 'Oslo weather' }, status: 'ok', result: 'Oslo: 3 °C, cloudy' },
  { name: 'get_weather', arguments: { city: 'Oslo' }, status: 'error', error: 'rate limited' },
  { name: 'get_weather', arguments: { city: 'Oslo' }, status: 'ok', result: { temp: 3 } },
];

const verdict = JSON.stringify({
  calls: [
    { number: 3, reasoning: 'Repeats the failed call although #1 already answered.', verdict: 'irrational' },
    { number: 1, reasoning: 'A search is a sensible first step.', verdict: 'rational' },
    { number: 2, reasoning: 'The search already gave the weather.', verdict: 'questionable' },
  ],
});

describe('tool-selection-rationality', () => {
  it('shows each call with what it returned, so later calls are judged on what the agent knew', async () => {
    const { judgeCalls } = await runEvaluator(
      toolSelectionRationality(),
      { input: 'Weather in Oslo?', toolCalls, tools: [{ name: 'search', description: 'Web search.' }] },
      { judgeReplies: [verdict] },
    );
    expect(judgeCalls[0]?.[1]?.content).toBe(
      [
        '<request>\nWeather in Oslo?\n</request>',
        '',
        '<available-tools>\n- search: Web search.\n</available-tools>',
        '',
        '<tool-calls>',
        '#1 search({"q":"Oslo weather"}) → Oslo: 3 °C, cloudy',
        '#2 get_weather({"city":"Oslo"}) → error: rate limited',
        '#3 get_weather({"city":"Oslo"}) → {"temp":3}',
        '</tool-calls>',
      ].join('\n'),
    );
  });

  it('scores the mean of the per-call verdicts (rational 1, questionable 0.5, irrational 0)', async () => {
    const { result } = await runEvaluator(toolSelectionRationality(), { toolCalls }, { judgeReplies: [verdict] });
    expect(result).toEqual({
      status: 'scored',
      scores: [
        {
          name: 'tool-selection-rationality',
          value: 0.5,
          reasoning: [
            '1 of 3 tool calls rational, 1 questionable, 1 irrational.',
            '#1 search: rational — A search is a sensible first step.',
            '#2 get_weather: questionable — The search already gave the weather.',
            '#3 get_weather: irrational — Repeats the failed call although #1 already answered.',
          ].join('\n'),
          metadata: {
            calls: [
              { index: 0, name: 'search', verdict: 'rational', reasoning: 'A search is a sensible first step.' },
              { index: 1, name: 'get_weather', verdict: 'questionable', reasoning: 'The search already gave the weather.' },
              {
                index: 2,
                name: 'get_weather',
                verdict: 'irrational',
                reasoning: 'Repeats the failed call although #1 already answered.',
              },
            ],
            callsTotal: 3,
            clipped: [],
          },
          judge: expect.objectContaining({ promptName: 'agentloop/tool-selection-rationality', promptVersion: '1' }),
        },
      ],
    });
  });

  it('judges only the first maxCalls calls', async () => {
    const { result, judgeCalls } = await runEvaluator(
      toolSelectionRationality(),
      { toolCalls },
      {
        config: { maxCalls: 1 },
        judgeReplies: [JSON.stringify({ calls: [{ number: 1, reasoning: 'Fine.', verdict: 'rational' }] })],
      },
    );
    expect(String(judgeCalls[0]?.[1]?.content)).not.toContain('#2');
    expect(result).toMatchObject({ status: 'scored', scores: [{ value: 1, metadata: { callsTotal: 3 } }] });
    expect(result.status === 'scored' && result.scores[0]?.reasoning).toContain('2 more not judged');
  });

  it('asks again when a call is left out, and fails after the last attempt', async () => {
    const missing = JSON.stringify({ calls: [{ number: 1, reasoning: 'Fine.', verdict: 'rational' }] });
    const { result, judgeCalls } = await runEvaluator(
      toolSelectionRationality(),
      { toolCalls },
      { judgeReplies: [missing, missing, missing] },
    );
    expect(judgeCalls).toHaveLength(3);
    expect(result).toMatchObject({
      status: 'failed',
      retryable: false,
      reason: expect.stringContaining('invalid output 3 times'),
    });
  });
});
