import type { TrajectoryStep } from '@agentloop/plugin-sdk';
import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { trajectoryQuality } from './trajectory-quality.js';

const step = (spanId: string, rest: Partial<TrajectoryStep>): TrajectoryStep => ({
  spanId,
  name: spanId,
  kind: 'chain',
  status: 'ok',
  startTime: '2026-11-21T10:00:00.000Z',
  durationMs: 10,
  ...rest,
});

const trajectory: TrajectoryStep[] = [
  step('root', { name: 'weather-agent', kind: 'agent', durationMs: 2400 }),
  step('llm1', {
    parentSpanId: 'root',
    name: 'ChatOpenAI',
    kind: 'llm',
    model: 'gpt-4o',
    input: 'Weather in Oslo?',
    output: 'call get_weather',
  }),
  step('tool1', {
    parentSpanId: 'root',
    name: 'get_weather',
    kind: 'tool',
    toolName: 'get_weather',
    status: 'error',
    output: 'timeout',
  }),
  step('tool2', {
    parentSpanId: 'root',
    name: 'get_weather',
    kind: 'tool',
    toolName: 'get_weather',
    durationMs: 12.6,
    output: { temp: 3 },
  }),
];

const reply = JSON.stringify({
  reasoning: '#3 times out and #4 retries it successfully; the path is direct otherwise.',
  issues: [],
  rating: 4,
});

describe('trajectory-quality', () => {
  it('shows the judge the request, the nested steps with status and I/O, and the final output', async () => {
    const { judgeCalls } = await runEvaluator(
      trajectoryQuality(),
      { input: 'Weather in Oslo?', output: 'It is 3 °C in Oslo.', trajectory },
      { judgeReplies: [reply] },
    );
    expect(judgeCalls[0]?.[1]?.content).toBe(
      [
        '<request>\nWeather in Oslo?\n</request>',
        '',
        '<trajectory>',
        '#1 [agent] weather-agent — ok, 2400 ms',
        '  #2 [llm] ChatOpenAI (model gpt-4o) — ok, 10 ms',
        '     input: Weather in Oslo?',
        '     output: call get_weather',
        '  #3 [tool] get_weather — error, 10 ms',
        '     output: timeout',
        '  #4 [tool] get_weather — ok, 13 ms',
        '     output: {"temp":3}',
        '</trajectory>',
        '',
        '<final-output>\nIt is 3 °C in Oslo.\n</final-output>',
      ].join('\n'),
    );
  });

  it('maps the rating onto 0..1 and keeps the issues and the judge call record', async () => {
    const { result } = await runEvaluator(
      trajectoryQuality(),
      { trajectory },
      {
        judgeReplies: [
          JSON.stringify({ reasoning: 'Retries #3 blindly.', issues: ['#4 repeats #3 without a change'], rating: 2 }),
        ],
      },
    );
    expect(result).toEqual({
      status: 'scored',
      scores: [
        {
          name: 'trajectory-quality',
          value: 0.25,
          reasoning: 'Retries #3 blindly.',
          metadata: { rating: 2, issues: ['#4 repeats #3 without a change'], steps: 4, stepsOmitted: 0, clipped: [] },
          judge: expect.objectContaining({ promptName: 'agentloop/trajectory-quality', promptVersion: '1', attempts: 1 }),
        },
      ],
    });
  });

  it('keeps the first and last steps of a long run and hides step I/O when asked', async () => {
    const long = Array.from({ length: 10 }, (_, index) => step(`s${index + 1}`, { input: 'secret input' }));
    const { judgeCalls, result } = await runEvaluator(
      trajectoryQuality(),
      { trajectory: long },
      { config: { maxSteps: 4, includeStepIO: false }, judgeReplies: [reply] },
    );
    const user = String(judgeCalls[0]?.[1]?.content);
    expect(user).toContain(
      '#1 [chain] s1 — ok, 10 ms\n#2 [chain] s2 — ok, 10 ms\n#3 [chain] s3 — ok, 10 ms\n[… 6 steps omitted …]\n#10 [chain] s10',
    );
    expect(user).not.toContain('secret input');
    expect(result).toMatchObject({ status: 'scored', scores: [{ metadata: { steps: 10, stepsOmitted: 6 } }] });
  });

  it('fails, never scores, when the judge does not answer with a rating', async () => {
    const { result } = await runEvaluator(
      trajectoryQuality(),
      { trajectory },
      { config: { maxAttempts: 1 }, judgeReplies: ['{"reasoning": "good", "issues": [], "rating": "4/5"}'] },
    );
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('trajectory-quality judge:') });
  });
});
