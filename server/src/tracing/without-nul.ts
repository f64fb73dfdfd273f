/**
 * PostgreSQL's text and jsonb cannot hold U+0000 (COPY refuses the byte, jsonb the \u0000 escape),
 * and one such character failed a whole batch that the exporter then retried forever. Tool output
 * and model text do contain it, so every string ingestion keeps goes through here: U+0000 becomes
 * U+FFFD, as a lone surrogate does, and the rest of the value is kept.
 */
export const withoutNul = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '\ufffd') : text);
