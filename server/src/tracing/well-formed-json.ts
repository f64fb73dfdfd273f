/**
 * A lone surrogate escape (`\udXXX`) that is not itself escaped: well-formed JSON.stringify writes
 * a lone surrogate that way (a paired one it writes as the character), so every such escape in its
 * output is one. The leading group keeps an even run of backslashes (escaped backslashes) intact.
 */
const LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;

/**
 * JSON.stringify for PostgreSQL's json/jsonb: a lone surrogate (a string cut in the middle of an
 * emoji, say, by an instrumentation's truncation) becomes U+FFFD, as COPY's UTF-8 makes of one in a
 * text column. PostgreSQL refuses the escape ("Unicode low surrogate must follow a high
 * surrogate"), which failed the whole batch and left the exporter retrying it forever.
 */
export const wellFormedJson = (value: unknown): string => {
  const encoded = JSON.stringify(value);
  return encoded.includes('\\ud') ? encoded.replace(LONE_SURROGATE_ESCAPE, '$1\\ufffd') : encoded;
};
