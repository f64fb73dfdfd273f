/**
 * A lone surrogate escape (`\udXXX`) or a NUL escape (`\u0000`) that is not itself escaped:
 * well-formed JSON.stringify writes a lone surrogate that way (a paired one it writes as the
 * character), so every such escape in its output is one. The leading group keeps an even run of
 * backslashes (escaped backslashes) intact.
 */
const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:d[89a-f][0-9a-f]{2}|0000)/g;

/**
 * JSON.stringify for PostgreSQL's json/jsonb: a lone surrogate (a string cut in the middle of an
 * emoji, say, by an instrumentation's truncation) becomes U+FFFD, as COPY's UTF-8 makes of one in a
 * text column, and so does U+0000 (jsonb has no room for it). PostgreSQL refuses either escape
 * ("Unicode low surrogate must follow a high surrogate", "unsupported Unicode escape sequence"),
 * which failed the whole batch. Ingestion replaces NUL in what it reads, but values it parses out
 * of attributes (JSON-encoded metadata, messages, documents) can bring one back.
 */
export const wellFormedJson = (value: unknown): string => {
  const encoded = JSON.stringify(value);
  return encoded.includes('\\ud') || encoded.includes('\\u0000') ? encoded.replace(UNSTORABLE_ESCAPE, '$1\\ufffd') : encoded;
};
