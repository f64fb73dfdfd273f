import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { tokenize } from '../utils/tokenize.js';

/**
 * A real LangChain embeddings model for tests: deterministic and offline. A text's vector is its
 * bag of word tokens hashed into `dimensions` buckets (with a hashed sign, so unrelated texts come
 * out near-orthogonal), normalised to length 1. Texts sharing words get similar vectors, identical
 * texts identical ones, and a text without words the zero vector.
 */
export class HashEmbeddings extends Embeddings {
  /** The vector length. */
  readonly dimensions: number;

  /** @param dimensions - the vector length (default 256). */
  constructor(dimensions = 256, params: EmbeddingsParams = {}) {
    super(params);
    if (!Number.isInteger(dimensions) || dimensions < 1)
      throw new RangeError(`hashEmbeddings: dimensions must be a positive integer, got ${dimensions}`);
    this.dimensions = dimensions;
  }

  /** Embeds each document (order kept). */
  override async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => this.#embed(document));
  }

  /** Embeds one text; the same vector as `embedDocuments` gives for it. */
  override async embedQuery(document: string): Promise<number[]> {
    return this.#embed(document);
  }

  #embed(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    for (const token of tokenize(text)) {
      const hash = fnv1a(token);
      const bucket = hash % this.dimensions;
      vector[bucket] = (vector[bucket] as number) + (hash & 0x80000000 ? -1 : 1);
    }
    const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
    return norm === 0 ? vector : vector.map((value) => value / norm);
  }
}

/**
 * Makes a `HashEmbeddings` model with vectors of `dimensions` numbers (default 256).
 *
 * @example const embeddings = hashEmbeddings(64);
 */
export function hashEmbeddings(dimensions = 256): HashEmbeddings {
  return new HashEmbeddings(dimensions);
}

// 32-bit FNV-1a over UTF-16 code units: tiny, fast and stable across platforms.
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
