import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { completeness } from './completeness.js';

const verdict = JSON.stringify({
  reasoning: 'Gives the capital but not the population; the currency is only hinted at.',
  requirements: [
    { requirement: 'Name the capital of France', status: 'addressed' },
    { requirement: 'Give its population', status: 'missing', note: 'No number given.' },
    { requirement: 'Name the currency', status: 'partial', note: 'Says "the European one".' },
    { requirement: 'Answer in one paragraph', status: 'addressed' },
  ],
});

describe('completeness', () => {
  it('scores the mean over the requirements the judge lists (addressed 1, partial 0.5, missing 0)', async () => {
    const { result } = await runEvaluator(
      completeness(),
      { input: 'Capital, population and currency of France? One paragraph.', output: 'Paris; they use the European one.' },
      { judgeReplies: [verdict] },
    );
    // (1 + 0 + 0.5 + 1) / 4
    expect(result).toMatchObject({
      status: 'scored',
      scores: [
        {
          name: 'completeness',
          value: 0.625,
          reasoning:
            'Gives the capital but not the population; the currency is only hinted at. (2 of 4 requirements addressed, 1 partial, 1 missing.)',
          metadata: {
            usedReference: false,
            requirements: expect.arrayContaining([expect.objectContaining({ status: 'missing' })]),
          },
          judge: { promptName: 'agentloop/completeness', promptVersion: '1' },
        },
      ],
    });
  });

  it('shows the reference answer and asks for its key points when the sample has one', async () => {
    const { judgeCalls, result } = await runEvaluator(
      completeness(),
      { input: 'Capital of France?', output: 'Paris.', expectedOutput: { answer: 'Paris, on the Seine' } },
      { judgeReplies: [verdict] },
    );
    const [system, user] = judgeCalls[0] ?? [];
    expect(String(system?.content)).toContain('add each key point of the reference');
    expect(String(user?.content)).toContain('<reference>\n{"answer":"Paris, on the Seine"}\n</reference>');
    expect(result).toMatchObject({ status: 'scored', scores: [{ metadata: { usedReference: true } }] });
  });

  it('ignores the reference when useReference is false', async () => {
    const { judgeCalls } = await runEvaluator(
      completeness(),
      { input: 'Capital of France?', output: 'Paris.', expectedOutput: 'Paris, on the Seine' },
      { config: { useReference: false }, judgeReplies: [verdict] },
    );
    expect(String(judgeCalls[0]?.[0]?.content)).toContain('Ignore <reference>.');
    expect(String(judgeCalls[0]?.[1]?.content)).not.toContain('Seine');
  });

  it('fails when the judge lists no requirement at all', async () => {
    const empty = JSON.stringify({ reasoning: 'Nothing to check.', requirements: [] });
    const { result } = await runEvaluator(
      completeness(),
      { input: 'Hi', output: 'Hello!' },
      { config: { maxAttempts: 2 }, judgeReplies: [empty, empty] },
    );
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('invalid output 2 times') });
  });
});
