/**
 * Turns any recorded value (an output, an input, a tool result) into text for comparison or a
 * prompt: strings as they are; `null`/`undefined` as `''`; numbers and booleans via `String`;
 * arrays item by item, one per line; message-like objects (`{ content }`, `{ text }`, content
 * parts) by their text; any other object as JSON.
 */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map(toText).join('\n');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // Chat messages ({ role, content }), LangChain messages and content parts ({ type: 'text', text }).
    if (typeof record.content === 'string' || Array.isArray(record.content)) return toText(record.content);
    if (typeof record.text === 'string') return record.text;
    try {
      return JSON.stringify(value) ?? '';
    } catch {
      return String(value);
    }
  }
  return String(value);
}
