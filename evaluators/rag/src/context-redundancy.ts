import { defineEvaluator, failed, PLUGIN_API_VERSION, scored, z } from '@agentloop/plugin-sdk';
import { methodLabel, pairwiseSimilarities, type SimilarityMethod, similarityConfigFields } from './similarity.js';

/**
 * The similarity at or above which a document counts as a near-duplicate, per method, when the
 * config sets none. Embeddings of paraphrases already score ~0.85–0.9, so near-duplicates start
 * higher; sharing 80% of the distinct words is near-duplicate text.
 */
export const DEFAULT_REDUNDANCY_THRESHOLDS: Readonly<Record<SimilarityMethod, number>> = Object.freeze({
  embeddings: 0.95,
  'token-jaccard': 0.8,
});

const configSchema = z.object({
  ...similarityConfigFields,
  threshold: z
    .number()
    .gt(0)
    .max(1)
    .optional()
    .describe(
      'Similarity at or above which a document is a near-duplicate of an earlier one. Default: 0.95 with embeddings, 0.8 with token-jaccard.',
    ),
});

/**
 * Context redundancy: the share of retrieved documents that are near-duplicates of an earlier one
 * (pairwise similarity at or above the threshold). Deterministic; same similarity rule as
 * context-richness. Lower is better.
 */
export const contextRedundancy = () =>
  defineEvaluator({
    name: 'context-redundancy',
    version: '0.1.0',
    apiVersion: PLUGIN_API_VERSION,
    description:
      'The share of retrieved documents that are near-duplicates of an earlier one (similarity at or above a threshold; embedding cosine when an embeddings model service is configured, else shared-word Jaccard). Lower is better.',
    configSchema,
    inputs: { required: ['context'] },
    scores: [
      {
        name: 'context-redundancy',
        kind: 'numeric',
        range: { min: 0, max: 1 },
        higherIsBetter: false,
        description: 'Near-duplicate documents ÷ documents.',
      },
    ],
    async evaluate({ sample, config, embeddings, signal }) {
      const all = sample.context ?? [];
      const documents = all.slice(0, config.maxDocuments);
      const texts = documents.map((document) => document.content.slice(0, config.maxCharsPerDocument));
      const similarities = await pairwiseSimilarities(texts, config.method, embeddings, signal);
      if (!similarities.ok) return failed(`context-redundancy: ${similarities.reason}`, { retryable: similarities.retryable });
      const threshold = config.threshold ?? DEFAULT_REDUNDANCY_THRESHOLDS[similarities.method];

      const duplicates: { index: number; duplicateOf: number; similarity: number }[] = [];
      for (let j = 1; j < texts.length; j++) {
        let best = { index: -1, similarity: -1 };
        for (let i = 0; i < j; i++) {
          const similarity = similarities.similarity(i, j);
          if (similarity > best.similarity) best = { index: i, similarity };
        }
        if (best.similarity >= threshold) duplicates.push({ index: j, duplicateOf: best.index, similarity: best.similarity });
      }
      const leftOut = all.length - documents.length;
      return scored({
        name: 'context-redundancy',
        value: duplicates.length / documents.length,
        reasoning:
          `${duplicates.length} of ${documents.length} documents ${duplicates.length === 1 ? 'is a near-duplicate' : 'are near-duplicates'} of an earlier one ` +
          `(${methodLabel(similarities.method)} ≥ ${threshold})` +
          (leftOut > 0 ? `; ${leftOut} more not compared: maxDocuments is ${config.maxDocuments}.` : '.'),
        metadata: { method: similarities.method, threshold, duplicates, documents: documents.length, documentsTotal: all.length },
      });
    },
  });
