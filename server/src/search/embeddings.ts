/**
 * What search needs of an embedding model: LangChain's Embeddings interface, so a model service's
 * client (OpenAIEmbeddings and friends) fits as is.
 */
export type TextEmbedder = {
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
};

/** The dataset as embedding resolution needs it. */
export type EmbeddingTarget = { projectId: string; datasetId: string; embeddingServiceId: string | null };

/** An embedder for the dataset, or why there is none, saying what to configure. */
export type ResolvedEmbedder = { ok: true; serviceId: string; embedder: TextEmbedder } | { ok: false; reason: string };

/**
 * Finds the embedding model service of a dataset (its own `embeddingServiceId`, else the project's
 * only embedding service). A side-effect seam: production resolves model services, tests may hand
 * in the OpenAI-compatible stub through the same LangChain client.
 */
export type EmbedderResolver = (target: EmbeddingTarget) => Promise<ResolvedEmbedder>;

export const NO_EMBEDDING_SERVICE =
  'no embedding model service is configured for this dataset: create a model service of kind EMBEDDING in the project ' +
  '(it is used when it is the only one) or set the dataset’s embeddingService';

/** The resolver while no model service can be configured: semantic search says what is missing. */
export const noEmbeddings: EmbedderResolver = async () => ({ ok: false, reason: NO_EMBEDDING_SERVICE });
