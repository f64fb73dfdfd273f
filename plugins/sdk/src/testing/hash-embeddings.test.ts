import { Embeddings } from '@langchain/core/embeddings';
import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../utils/cosine-similarity.js';
import { hashEmbeddings } from './hash-embeddings.js';

describe('hashEmbeddings', () => {
  const embeddings = hashEmbeddings(128);

  it('is a LangChain embeddings model with unit vectors of the given size', async () => {
    expect(embeddings).toBeInstanceOf(Embeddings);
    const vector = await embeddings.embedQuery('The quick brown fox');
    expect(vector).toHaveLength(128);
    expect(Math.hypot(...vector)).toBeCloseTo(1);
  });

  it('is deterministic, and similar texts get similar vectors', async () => {
    const [paris, parisAgain, parisLike, pasta] = await embeddings.embedDocuments([
      'Paris is the capital of France',
      'Paris is the capital of France',
      'The capital of France is Paris, a large city',
      'Boil the pasta for eleven minutes in salted water',
    ]);
    expect(parisAgain).toEqual(paris);
    expect(await embeddings.embedQuery('Paris is the capital of France')).toEqual(paris);
    const close = cosineSimilarity(paris as number[], parisLike as number[]);
    const far = cosineSimilarity(paris as number[], pasta as number[]);
    expect(close).toBeGreaterThan(0.6);
    expect(Math.abs(far)).toBeLessThan(0.3);
  });

  it('gives the zero vector for text without words and refuses bad sizes', async () => {
    expect(await embeddings.embedQuery('...')).toEqual(new Array(128).fill(0));
    expect(() => hashEmbeddings(0)).toThrow(RangeError);
  });
});
