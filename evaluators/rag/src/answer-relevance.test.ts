import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { answerRelevance } from './answer-relevance.js';

describe('answer-relevance', () => {
  it('maps the rating onto 0..1 and records the judge call', async () => {
    const { result, judgeCalls } = await runEvaluator(
      answerRelevance(),
      { input: 'How do I undo my last git commit?', output: 'Git was created by Linus Torvalds in 2005.' },
      { judgeReplies: ['{"reasoning": "Asked how to undo a commit; the answer gives history instead.", "rating": 1}'] },
    );
    expect(judgeCalls[0]?.[1]?.content).toBe(
      '<request>\nHow do I undo my last git commit?\n</request>\n\n<response>\nGit was created by Linus Torvalds in 2005.\n</response>',
    );
    expect(result).toMatchObject({
      status: 'scored',
      scores: [
        {
          name: 'answer-relevance',
          value: 0,
          reasoning: 'Asked how to undo a commit; the answer gives history instead.',
          metadata: { rating: 1 },
          judge: { promptName: 'agentloop/answer-relevance', promptVersion: '1', model: 'scripted-model' },
        },
      ],
    });
  });

  it('fails after the last malformed reply', async () => {
    const { result } = await runEvaluator(
      answerRelevance(),
      { input: 'q', output: 'a' },
      { judgeReplies: ['not json', '{"rating": 4}', '{"reasoning": "", "rating": 4}'] },
    );
    expect(result).toMatchObject({
      status: 'failed',
      retryable: false,
      reason: expect.stringContaining('invalid output 3 times'),
    });
  });
});
