import { HashEmbeddings, hashEmbeddings, runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { contextRichness } from './context-richness.js';

// Word sets: A {the, cat, sat, on, mat}, B {the, cat, sat}, C {dogs, bark, loudly}.
// Jaccard: A·B = 3/5 = 0.6, A·C = 0, B·C = 0.
const A = { content: 'The cat sat on the mat.' };
const B = { content: 'the cat sat', id: 'doc-b' };
const C = { content: 'Dogs bark loudly!' };

describe('context-richness', () => {
  it('is 1 − the mean pairwise token Jaccard similarity when there is no embeddings model', async () => {
    const { result } = await runEvaluator(contextRichness(), { context: [A, B, C] });
    // mean = (0.6 + 0 + 0) / 3 = 0.2
    expect(result).toMatchObject({
      status: 'scored',
      scores: [
        {
          name: 'context-richness',
          value: expect.closeTo(0.8, 10),
          reasoning: 'Mean token Jaccard similarity 0.200 over 3 pairs of 3 documents.',
          metadata: {
            method: 'token-jaccard',
            meanSimilarity: expect.closeTo(0.2, 10),
            pairs: 3,
            documents: 3,
            documentsTotal: 3,
            mostSimilarPair: { indices: [0, 1], similarity: expect.closeTo(0.6, 10) },
          },
        },
      ],
    });
  });

  it('compares only the first maxDocuments documents and says so', async () => {
    const { result } = await runEvaluator(contextRichness(), { context: [A, B, C] }, { config: { maxDocuments: 2 } });
    expect(result).toMatchObject({
      status: 'scored',
      scores: [{ value: expect.closeTo(0.4, 10), metadata: { documents: 2, documentsTotal: 3, pairs: 1 } }],
    });
    expect(result.status === 'scored' && result.scores[0]?.reasoning).toContain('1 more not compared');
  });

  it('uses the embeddings model when there is one, and records that it did', async () => {
    const { result } = await runEvaluator(contextRichness(), { context: [A, A, A] }, { embeddings: hashEmbeddings(64) });
    expect(result).toMatchObject({
      status: 'scored',
      scores: [{ value: expect.closeTo(0, 10), metadata: { method: 'embeddings', meanSimilarity: expect.closeTo(1, 10) } }],
    });
  });

  it('stays with token Jaccard when configured so, even with an embeddings model', async () => {
    const { result } = await runEvaluator(
      contextRichness(),
      { context: [A, B, C] },
      { embeddings: hashEmbeddings(64), config: { method: 'token-jaccard' } },
    );
    expect(result).toMatchObject({ status: 'scored', scores: [{ metadata: { method: 'token-jaccard' } }] });
  });

  it('records a failure for a single document, which has nothing to be diverse from', async () => {
    const { result } = await runEvaluator(contextRichness(), { context: [A] });
    expect(result).toEqual({
      status: 'failed',
      reason: 'context-richness compares documents with each other and the sample has 1; it needs at least 2',
    });
  });

  it("fails when method is 'embeddings' but there is no embeddings model", async () => {
    const { result } = await runEvaluator(contextRichness(), { context: [A, B] }, { config: { method: 'embeddings' } });
    expect(result).toMatchObject({
      status: 'failed',
      retryable: false,
      reason: expect.stringContaining('no embeddings model service'),
    });
  });

  it('reports a failing embeddings model instead of switching methods behind your back', async () => {
    class Overloaded extends HashEmbeddings {
      override async embedDocuments(): Promise<number[][]> {
        throw Object.assign(new Error('Service Unavailable'), { status: 503 });
      }
    }
    const { result } = await runEvaluator(contextRichness(), { context: [A, B] }, { embeddings: new Overloaded(8) });
    expect(result).toEqual({
      status: 'failed',
      retryable: true,
      reason: 'context-richness: embeddings call failed: Service Unavailable',
    });
  });
});
