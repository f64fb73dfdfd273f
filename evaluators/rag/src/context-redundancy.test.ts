import { hashEmbeddings, runEvaluator } from '@agentloop/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import { contextRedundancy } from './context-redundancy.js';

// Word sets: A {the, cat, sat, on, mat}, A2 the same words, B {the, cat, sat}, C {dogs, bark, loudly}.
const A = { content: 'The cat sat on the mat.' };
const A2 = { content: 'the mat, the cat: sat on!' };
const B = { content: 'the cat sat' };
const C = { content: 'Dogs bark loudly!' };

describe('context-redundancy', () => {
  it('is the share of documents that repeat an earlier one (token Jaccard ≥ 0.8 by default)', async () => {
    const { result } = await runEvaluator(contextRedundancy(), { context: [A, C, A2, B] });
    // A2 repeats A (Jaccard 1); B shares 3 of A's 5 words (0.6 < 0.8): 1 of 4.
    expect(result).toEqual({
      status: 'scored',
      scores: [
        {
          name: 'context-redundancy',
          value: 0.25,
          reasoning: '1 of 4 documents is a near-duplicate of an earlier one (token Jaccard similarity ≥ 0.8).',
          metadata: {
            method: 'token-jaccard',
            threshold: 0.8,
            duplicates: [{ index: 2, duplicateOf: 0, similarity: 1 }],
            documents: 4,
            documentsTotal: 4,
          },
        },
      ],
    });
  });

  it('takes a configured threshold, inclusive', async () => {
    const { result } = await runEvaluator(contextRedundancy(), { context: [A, C, A2, B] }, { config: { threshold: 0.6 } });
    expect(result).toMatchObject({
      status: 'scored',
      scores: [
        {
          value: 0.5,
          metadata: {
            threshold: 0.6,
            duplicates: [
              { index: 2, duplicateOf: 0, similarity: 1 },
              { index: 3, duplicateOf: 0, similarity: 0.6 },
            ],
          },
        },
      ],
    });
  });

  it('is 0 for distinct documents and for a single one', async () => {
    for (const context of [[A, C], [A]]) {
      const { result } = await runEvaluator(contextRedundancy(), { context });
      expect(result).toMatchObject({ status: 'scored', scores: [{ value: 0, metadata: { duplicates: [] } }] });
    }
  });

  it('uses embeddings with their own default threshold when an embeddings model is configured', async () => {
    const { result } = await runEvaluator(contextRedundancy(), { context: [A, A, C] }, { embeddings: hashEmbeddings(64) });
    expect(result).toMatchObject({
      status: 'scored',
      scores: [
        {
          value: expect.closeTo(1 / 3, 10),
          metadata: { method: 'embeddings', threshold: 0.95, duplicates: [{ index: 1, duplicateOf: 0 }] },
        },
      ],
    });
  });
});
