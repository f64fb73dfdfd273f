import type { SpanKind } from '../../generated/prisma/enums.js';
import { isIndexedKey, readCount, readIndexed, readString } from './attribute-reader.js';
import type { MappedFields, SpanMapper } from './span-mapper.js';

// https://github.com/traceloop/openllmetry — traceloop.span.kind for framework spans…
const KIND_BY_TRACELOOP: Record<string, SpanKind> = {
  workflow: 'CHAIN',
  task: 'CHAIN',
  agent: 'AGENT',
  tool: 'TOOL',
};
// …and llm.request.type for model calls.
const BY_REQUEST_TYPE: Record<string, { kind: SpanKind; operation: string }> = {
  chat: { kind: 'LLM', operation: 'chat' },
  completion: { kind: 'LLM', operation: 'text_completion' },
  embedding: { kind: 'EMBEDDING', operation: 'embeddings' },
  rerank: { kind: 'RERANKER', operation: 'rerank' },
};

const KEYS = new Set([
  'llm.request.type',
  'llm.usage.total_tokens',
  'llm.is_streaming',
  'llm.headers',
  'llm.user',
  'llm.frequency_penalty',
  'llm.presence_penalty',
  'llm.top_k',
  'llm.chat.stop_sequences',
  'llm.response.finish_reason',
  'llm.response.stop_reason',
]);
const INDEXED_LISTS = ['gen_ai.prompt', 'gen_ai.completion', 'llm.request.functions'];
const ASSOCIATION = 'traceloop.association.properties.';

const messages = (attributes: Record<string, unknown>, prefix: string) => {
  const items = readIndexed(attributes, prefix);
  return items.length > 0 ? JSON.stringify(items) : null;
};

/** OpenLLMetry / Traceloop: `traceloop.*`, flattened `gen_ai.prompt.N.*` / `gen_ai.completion.N.*`. */
export const openllmetryMapper: SpanMapper = {
  convention: 'openllmetry',
  // detects and map run for every span ingested, whatever its convention: plain key loops.
  detects: (attributes) => {
    for (const key in attributes) {
      if (key.startsWith('traceloop.') || key === 'llm.request.type' || isIndexedKey(key, 'gen_ai.prompt')) return true;
    }
    return false;
  },
  understands: (key) => key.startsWith('traceloop.') || KEYS.has(key) || INDEXED_LISTS.some((list) => isIndexedKey(key, list)),
  map: ({ attributes }) => {
    const requestType = BY_REQUEST_TYPE[String(attributes['llm.request.type'] ?? '')];
    const traceloopKind = KIND_BY_TRACELOOP[String(attributes['traceloop.span.kind'] ?? '')];
    const kind = requestType?.kind ?? traceloopKind ?? 'UNKNOWN';
    const input = messages(attributes, 'gen_ai.prompt') ?? readString(attributes, 'traceloop.entity.input');
    const output = messages(attributes, 'gen_ai.completion') ?? readString(attributes, 'traceloop.entity.output');
    const metadata: Record<string, unknown> = {};
    for (const key in attributes) {
      if (key.startsWith(ASSOCIATION)) metadata[key.slice(ASSOCIATION.length)] = attributes[key];
    }
    const fields: Partial<MappedFields> = {
      kind,
      operation: requestType?.operation ?? null,
      input,
      output,
      totalTokens: readCount(attributes, 'llm.usage.total_tokens'),
      sessionId: readString(metadata, 'session_id', 'sessionId', 'conversation_id'),
      userId: readString(metadata, 'user_id', 'userId') ?? readString(attributes, 'llm.user'),
      metadata,
    };
    if (kind === 'TOOL') {
      fields.toolName = readString(attributes, 'traceloop.entity.name');
      fields.toolArguments = readString(attributes, 'traceloop.entity.input');
      fields.toolResult = readString(attributes, 'traceloop.entity.output');
    }
    return fields;
  },
};
