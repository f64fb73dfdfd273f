import { UnavailableError } from '../errors/app-error.js';

/**
 * Semantic or hybrid search on a dataset whose embedding model is not configured. A client shows
 * the message (what to configure); full-text search on the same dataset still works.
 */
export class EmbeddingNotConfiguredError extends UnavailableError {
  constructor(message: string) {
    super(`Semantic search needs an embedding model: ${message}. Full-text search (mode FULL_TEXT) works without one.`);
    this.name = 'EmbeddingNotConfiguredError';
  }
}
