import { z } from '@agentloop/plugin-sdk';

/** The outcome of `parseJsonValue`. */
export type JsonValueParse =
  | { ok: true; value: unknown; from: 'structured' | 'text' | 'code-fence' }
  | { ok: false; error: string };

/** The `allowCodeFence` config option shared by the JSON checks. */
export const allowCodeFenceOption = z
  .boolean()
  .default(false)
  .describe('Also accept JSON wrapped in a Markdown code fence (```json … ```), as chat models often answer.');

const FENCED = /^```[A-Za-z0-9_-]*[^\S\n]*\n([\s\S]*?)\n?[^\S\n]*```$/;

/**
 * The JSON value of a field. A string is parsed (after trimming; inside a code fence only when
 * allowed); anything else already is structured data (a trace's output recorded as an object).
 */
export function parseJsonValue(value: unknown, allowCodeFence: boolean): JsonValueParse {
  if (typeof value !== 'string') return { ok: true, value, from: 'structured' };
  let text = value.trim();
  let from: 'text' | 'code-fence' = 'text';
  const fenced = allowCodeFence ? FENCED.exec(text) : null;
  if (fenced) {
    text = (fenced[1] ?? '').trim();
    from = 'code-fence';
  }
  if (!text) return { ok: false, error: 'it is empty' };
  try {
    return { ok: true, value: JSON.parse(text), from };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The JSON type of a parsed value: `object`, `array`, `string`, `number`, `boolean` or `null`. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
