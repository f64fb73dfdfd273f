import type { EvaluationContext } from '@agentloop/plugin-sdk';
import { cosineSimilarity, isRetryableError, tokenJaccard, z } from '@agentloop/plugin-sdk';

/** How two documents' similarity was measured. */
export type SimilarityMethod = 'embeddings' | 'token-jaccard';

/** Configuration shared by the similarity-based evaluators. */
export const similarityConfigFields = {
  method: z
    .enum(['auto', 'embeddings', 'token-jaccard'])
    .default('auto')
    .describe(
      "How documents are compared: 'embeddings' (cosine similarity; needs an embeddings model service on the evaluator), 'token-jaccard' (shared words), or 'auto' (embeddings when a model service is configured, else token-jaccard).",
    ),
  maxDocuments: z
    .number()
    .int()
    .min(2)
    .max(200)
    .default(50)
    .describe('The most documents compared (the first ones, in retrieval order); pairs grow with the square of this.'),
  maxCharsPerDocument: z
    .number()
    .int()
    .min(100)
    .max(100_000)
    .default(4000)
    .describe('The most characters of each document compared (its start).'),
};

type Embeddings = NonNullable<EvaluationContext['embeddings']>;

/** A symmetric matrix of pairwise similarities in [0, 1], or why there is none. */
export type PairwiseSimilarities =
  | { ok: true; method: SimilarityMethod; similarity: (i: number, j: number) => number }
  | { ok: false; reason: string; retryable: boolean };

/**
 * Pairwise similarities of `texts`, by embeddings (cosine, negative values counted as 0: opposite
 * is as dissimilar as it gets for documents) when chosen or available, else token Jaccard.
 * An embeddings failure is reported, not papered over with the other method: scores computed by
 * different methods are not comparable.
 */
export async function pairwiseSimilarities(
  texts: readonly string[],
  method: 'auto' | SimilarityMethod,
  embeddings: Embeddings | undefined,
  signal: AbortSignal,
): Promise<PairwiseSimilarities> {
  const useEmbeddings = method === 'embeddings' || (method === 'auto' && embeddings !== undefined);
  if (!useEmbeddings) {
    const matrix = texts.map((a, i) => texts.map((b, j) => (i === j ? 1 : j < i ? 0 : tokenJaccard(a, b))));
    return { ok: true, method: 'token-jaccard', similarity: (i, j) => lookup(matrix, i, j) };
  }
  if (!embeddings) {
    return {
      ok: false,
      reason: "method is 'embeddings' but the evaluator has no embeddings model service",
      retryable: false,
    };
  }
  let vectors: number[][];
  try {
    vectors = await embeddings.embedDocuments([...texts]);
  } catch (error) {
    if (signal.aborted) return { ok: false, reason: 'aborted', retryable: true };
    return {
      ok: false,
      reason: `embeddings call failed: ${error instanceof Error ? error.message : String(error)}`,
      retryable: isRetryableError(error),
    };
  }
  if (signal.aborted) return { ok: false, reason: 'aborted', retryable: true };
  if (vectors.length !== texts.length) {
    return {
      ok: false,
      reason: `the embeddings model returned ${vectors.length} vectors for ${texts.length} documents`,
      retryable: false,
    };
  }
  const matrix = vectors.map((a, i) => vectors.map((b, j) => (i === j ? 1 : j < i ? 0 : Math.max(0, cosineSimilarity(a, b)))));
  return { ok: true, method: 'embeddings', similarity: (i, j) => lookup(matrix, i, j) };
}

function lookup(matrix: number[][], i: number, j: number): number {
  return (i <= j ? matrix[i]?.[j] : matrix[j]?.[i]) as number;
}

/** Human wording of a method, for reasoning text. */
export function methodLabel(method: SimilarityMethod): string {
  return method === 'embeddings' ? 'embedding cosine similarity' : 'token Jaccard similarity';
}
