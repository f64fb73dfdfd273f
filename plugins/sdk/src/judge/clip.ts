/**
 * Shortens `text` to about `maxChars` characters, keeping its start (two thirds) and its end (one
 * third) around a marker that says how much was left out. Judges see both how an answer begins and
 * how it concludes, and a huge trace cannot blow the judge's context window or the task's budget.
 *
 * @param text - Any text; returned unchanged when it is at most `maxChars` long.
 * @param maxChars - How many characters of `text` to keep (the marker comes on top).
 *
 * @example
 * clip('a'.repeat(10_000), 300); // 200 × 'a', '\n[… 9700 characters omitted …]\n', 100 × 'a'
 */
export function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = Math.ceil((maxChars * 2) / 3);
  const tail = maxChars - head;
  const omitted = text.length - head - tail;
  return `${text.slice(0, head)}\n[… ${omitted} characters omitted …]\n${tail > 0 ? text.slice(-tail) : ''}`;
}

/**
 * Clips every field with {@link clip} and says which ones were clipped, so a score can record
 * (e.g. in `metadata.clipped`) that its judge saw less than the whole text.
 *
 * @example
 * const { texts, clipped } = clipAll({ input, output }, config.maxChars);
 * // texts.output is at most about maxChars long; clipped is e.g. ['output']
 */
export function clipAll<Key extends string>(
  fields: Record<Key, string>,
  maxChars: number,
): { texts: Record<Key, string>; clipped: Key[] } {
  const texts = {} as Record<Key, string>;
  const clipped: Key[] = [];
  for (const key of Object.keys(fields) as Key[]) {
    texts[key] = clip(fields[key], maxChars);
    if (texts[key] !== fields[key]) clipped.push(key);
  }
  return { texts, clipped };
}
