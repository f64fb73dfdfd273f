/** The outcome of `extractJson`. */
export type JsonExtraction = { ok: true; value: unknown } | { ok: false; error: string };

// Models asked for bare JSON still wrap it in ```json fences or a sentence of prose; both are
// tolerated so a usable answer is not thrown away (and paid for again).
const FENCE = /```[A-Za-z0-9_-]*[^\S\n]*\n?([\s\S]*?)```/g;
const MAX_OBJECT_STARTS = 50;

/**
 * Parses the JSON in a model's reply: the whole reply, else the first fenced code block that
 * parses, else the first balanced `{…}` object in the text that parses.
 */
export function extractJson(text: string): JsonExtraction {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: 'the reply was empty' };
  const whole = tryParse(trimmed);
  if (whole.ok) return whole;
  for (const match of trimmed.matchAll(FENCE)) {
    const fenced = tryParse((match[1] ?? '').trim());
    if (fenced.ok) return fenced;
  }
  let firstError: string | undefined;
  let start = trimmed.indexOf('{');
  for (let tries = 0; start !== -1 && tries < MAX_OBJECT_STARTS; tries++) {
    const end = balancedEnd(trimmed, start);
    if (end === -1) break;
    const candidate = tryParse(trimmed.slice(start, end + 1));
    if (candidate.ok) return candidate;
    firstError ??= candidate.error;
    start = trimmed.indexOf('{', start + 1);
  }
  return {
    ok: false,
    error: firstError ? `the reply contains no valid JSON object (${firstError})` : 'the reply contains no JSON object',
  };
}

function tryParse(text: string): JsonExtraction {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The index of the `}` closing the object opened at `start`, skipping braces inside strings; -1 if unclosed. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index;
  }
  return -1;
}
