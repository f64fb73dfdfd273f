import { runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { contextRelevance } from './context-relevance.js';

const sample = {
  input: 'When was the Eiffel Tower built?',
  context: [
    { content: 'The Eiffel Tower was built between 1887 and 1889.', id: 'wiki-1' },
    { content: 'Paris has many museums, including the Louvre.' },
    { content: 'Gustave Eiffel also worked on the Statue of Liberty.' },
  ],
};

const verdict = JSON.stringify({
  // Out of order on purpose: entries are matched by number.
  documents: [
    { number: 2, reasoning: 'About museums, not the tower.', relevance: 'irrelevant' },
    { number: 1, reasoning: 'Gives the construction dates.', relevance: 'relevant' },
    { number: 3, reasoning: 'About the engineer, not the date.', relevance: 'partial' },
  ],
});

describe('context-relevance', () => {
  it('scores the mean of the per-document verdicts and keeps each verdict', async () => {
    const { result } = await runEvaluator(contextRelevance(), sample, { judgeReplies: [verdict] });
    expect(result).toEqual({
      status: 'scored',
      scores: [
        {
          name: 'context-relevance',
          value: 0.5,
          reasoning: [
            '1 of 3 documents relevant, 1 partial, 1 irrelevant.',
            '[1] relevant: Gives the construction dates.',
            '[2] irrelevant: About museums, not the tower.',
            '[3] partial: About the engineer, not the date.',
          ].join('\n'),
          metadata: {
            documents: [
              { index: 0, id: 'wiki-1', relevance: 'relevant', reasoning: 'Gives the construction dates.' },
              { index: 1, relevance: 'irrelevant', reasoning: 'About museums, not the tower.' },
              { index: 2, relevance: 'partial', reasoning: 'About the engineer, not the date.' },
            ],
            documentsTotal: 3,
            clipped: [],
            clippedDocuments: [],
          },
          judge: expect.objectContaining({ promptName: 'agentloop/context-relevance', promptVersion: '1', attempts: 1 }),
        },
      ],
    });
  });

  it('shows the request and the numbered documents to the judge', async () => {
    const { judgeCalls } = await runEvaluator(contextRelevance(), sample, { judgeReplies: [verdict] });
    expect(judgeCalls[0]?.[1]?.content).toBe(
      [
        '<request>\nWhen was the Eiffel Tower built?\n</request>',
        '',
        '<documents>',
        '<document number="1">\nThe Eiffel Tower was built between 1887 and 1889.\n</document>',
        '<document number="2">\nParis has many museums, including the Louvre.\n</document>',
        '<document number="3">\nGustave Eiffel also worked on the Statue of Liberty.\n</document>',
        '</documents>',
      ].join('\n'),
    );
  });

  it('judges only the first maxDocuments and clips long documents', async () => {
    const long = { content: `${'x'.repeat(300)}${'y'.repeat(300)}` };
    const { result, judgeCalls } = await runEvaluator(
      contextRelevance(),
      { input: 'q', context: [long, ...sample.context] },
      {
        config: { maxDocuments: 1, maxCharsPerDocument: 150 },
        judgeReplies: [JSON.stringify({ documents: [{ number: 1, reasoning: 'Noise.', relevance: 'irrelevant' }] })],
      },
    );
    expect(String(judgeCalls[0]?.[1]?.content)).toContain('[… 450 characters omitted …]');
    expect(String(judgeCalls[0]?.[1]?.content)).not.toContain('document number="2"');
    expect(result).toMatchObject({
      status: 'scored',
      scores: [{ value: 0, metadata: { documentsTotal: 4, clippedDocuments: [0] } }],
    });
    expect(result.status === 'scored' && result.scores[0]?.reasoning).toContain('3 more not judged');
  });

  it('asks again when a document is missing from the verdict, then fails rather than score a part', async () => {
    const partial = JSON.stringify({ documents: [{ number: 1, reasoning: 'Dates.', relevance: 'relevant' }] });
    const duplicated = JSON.stringify({
      documents: [1, 1, 2].map((number) => ({ number, reasoning: 'r', relevance: 'relevant' })),
    });
    const { result, judgeCalls } = await runEvaluator(contextRelevance(), sample, {
      config: { maxAttempts: 2 },
      judgeReplies: [partial, duplicated],
    });
    expect(judgeCalls).toHaveLength(2);
    expect(result).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('give exactly one entry for each document number 1 to 3'),
    });
  });
});
