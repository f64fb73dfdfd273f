/**
 * Shortens `text` to about `maxChars`, keeping its start (two thirds) and end (one third) around a
 * marker saying how much was left out, so one huge trace cannot blow the judge's context or budget.
 */
export const clip = (text: string, maxChars: number): string => {
  if (text.length <= maxChars) return text;
  const head = Math.ceil((maxChars * 2) / 3);
  const tail = maxChars - head;
  return `${text.slice(0, head)}\n[… ${text.length - head - tail} characters omitted …]\n${tail > 0 ? text.slice(-tail) : ''}`;
};
