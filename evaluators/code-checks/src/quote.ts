const MAX_QUOTE = 80;

/** A text quoted for a reasoning string, shortened so a long output does not swamp the sentence. */
export function quote(text: string, max = MAX_QUOTE): string {
  const chars = Array.from(text);
  const shown = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
  return `'${shown}'`;
}

/** Quotes several texts as `'a', 'b', 'c'`. */
export function quoteList(texts: readonly string[]): string {
  return texts.map((text) => quote(text)).join(', ');
}
