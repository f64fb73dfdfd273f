import { defineEvaluator, failed, PLUGIN_API_VERSION, scored, z } from '@agentloop/plugin-sdk';
import { methodLabel, pairwiseSimilarities, similarityConfigFields } from './similarity.js';

const configSchema = z.object({ ...similarityConfigFields });

/**
 * Context richness (diversity): 1 − the mean pairwise similarity of the retrieved documents.
 * Deterministic: embeddings (cosine) when the evaluator has an embeddings model service, else
 * token Jaccard; the method is recorded in the score's metadata.
 */
export const contextRichness = () =>
  defineEvaluator({
    name: 'context-richness',
    version: '0.1.0',
    apiVersion: PLUGIN_API_VERSION,
    description:
      'How diverse the retrieved documents are: 1 − their mean pairwise similarity (embedding cosine when an embeddings model service is configured, else shared-word Jaccard). Needs at least two documents.',
    configSchema,
    inputs: { required: ['context'] },
    scores: [
      {
        name: 'context-richness',
        kind: 'numeric',
        range: { min: 0, max: 1 },
        higherIsBetter: true,
        description: '1 − mean pairwise similarity of the retrieved documents.',
      },
    ],
    async evaluate({ sample, config, embeddings, signal }) {
      const all = sample.context ?? [];
      const documents = all.slice(0, config.maxDocuments);
      if (documents.length < 2) {
        return failed(
          `context-richness compares documents with each other and the sample has ${documents.length}; it needs at least 2`,
        );
      }
      const texts = documents.map((document) => document.content.slice(0, config.maxCharsPerDocument));
      const similarities = await pairwiseSimilarities(texts, config.method, embeddings, signal);
      if (!similarities.ok) return failed(`context-richness: ${similarities.reason}`, { retryable: similarities.retryable });

      let sum = 0;
      let pairs = 0;
      let closest = { pair: [0, 1] as [number, number], similarity: -1 };
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const similarity = similarities.similarity(i, j);
          sum += similarity;
          pairs++;
          if (similarity > closest.similarity) closest = { pair: [i, j], similarity };
        }
      }
      const meanSimilarity = sum / pairs;
      const leftOut = all.length - documents.length;
      return scored({
        name: 'context-richness',
        value: 1 - meanSimilarity,
        reasoning:
          `Mean ${methodLabel(similarities.method)} ${meanSimilarity.toFixed(3)} over ${pairs} pairs of ${documents.length} documents` +
          (leftOut > 0 ? ` (${leftOut} more not compared: maxDocuments is ${config.maxDocuments}).` : '.'),
        metadata: {
          method: similarities.method,
          meanSimilarity,
          documents: documents.length,
          documentsTotal: all.length,
          pairs,
          mostSimilarPair: { indices: closest.pair, similarity: closest.similarity },
        },
      });
    },
  });
