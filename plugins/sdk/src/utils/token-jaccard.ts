import { tokenize } from './tokenize.js';

/**
 * Jaccard similarity in [0, 1] of the two texts' sets of word tokens (see `tokenize`): shared
 * tokens over all distinct tokens. Ignores case, punctuation and word order. Two texts without
 * tokens are identical (1).
 */
export function tokenJaccard(a: string, b: string): number {
  const left = new Set(tokenize(a));
  const right = new Set(tokenize(b));
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared++;
  return shared / (left.size + right.size - shared);
}
