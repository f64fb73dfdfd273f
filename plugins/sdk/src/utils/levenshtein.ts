/**
 * The Levenshtein edit distance (insertions, deletions, substitutions) between two strings,
 * counted in Unicode code points so an emoji or a CJK character is one edit, not two.
 * Runs in O(|a|·|b|) time and O(min(|a|,|b|)) memory.
 */
export function levenshteinDistance(a: string, b: string): number {
  let long = Array.from(a);
  let short = Array.from(b);
  if (short.length > long.length) [long, short] = [short, long];
  if (short.length === 0) return long.length;
  let previous = Array.from({ length: short.length + 1 }, (_, index) => index);
  let current = new Array<number>(short.length + 1).fill(0);
  for (let i = 1; i <= long.length; i++) {
    current[0] = i;
    for (let j = 1; j <= short.length; j++) {
      const substitution = (previous[j - 1] as number) + (long[i - 1] === short[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[short.length] as number;
}

/**
 * Normalised Levenshtein similarity in [0, 1]: `1 - distance / max(length)`. Two empty strings
 * are identical (1).
 */
export function levenshteinSimilarity(a: string, b: string): number {
  const length = Math.max(Array.from(a).length, Array.from(b).length);
  return length === 0 ? 1 : 1 - levenshteinDistance(a, b) / length;
}
