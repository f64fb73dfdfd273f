import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { coherence } from './coherence.js';

describe('coherence', () => {
  it('maps the 1–5 rating onto 0..1 and keeps the rating and reasoning', async () => {
    const { result, judgeCalls } = await runEvaluator(
      coherence(),
      { input: 'Explain DNS.', output: 'DNS maps names to addresses. Bananas are yellow. So DNS is a phone book.' },
      { judgeReplies: ['```json\n{"reasoning": "A non-sequitur about bananas breaks the flow.", "rating": 3}\n```'] },
    );
    expect(String(judgeCalls[0]?.[1]?.content)).toContain('Bananas are yellow.');
    expect(String(judgeCalls[0]?.[1]?.content)).toContain('Explain DNS.');
    expect(result).toEqual({
      status: 'scored',
      scores: [
        {
          name: 'coherence',
          value: 0.5,
          reasoning: 'A non-sequitur about bananas breaks the flow.',
          metadata: { rating: 3, clipped: [] },
          judge: expect.objectContaining({ promptName: 'agentloop/coherence', promptVersion: '1', attempts: 1 }),
        },
      ],
    });
  });

  it('fails rather than guess when the rating is off the scale every time', async () => {
    const offScale = '{"reasoning": "Great.", "rating": 7}';
    const { result } = await runEvaluator(
      coherence(),
      { output: 'ok' },
      { config: { maxAttempts: 1 }, judgeReplies: [offScale] },
    );
    expect(result).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('coherence judge: the judge returned invalid output 1 time'),
    });
  });
});
