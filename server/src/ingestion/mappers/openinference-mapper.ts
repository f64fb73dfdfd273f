import type { SpanKind } from '../../generated/prisma/enums.js';
import { isIndexedKey, readCount, readIndexed, readObject, readString, readStringList, stripPrefix } from './attribute-reader.js';
import type { MappedFields, SpanMapper } from './span-mapper.js';

// https://github.com/Arize-ai/openinference/blob/main/spec/semantic_conventions.md
const KINDS = new Set<SpanKind>([
  'LLM',
  'CHAIN',
  'TOOL',
  'RETRIEVER',
  'EMBEDDING',
  'RERANKER',
  'AGENT',
  'GUARDRAIL',
  'EVALUATOR',
]);

const OPERATION_BY_KIND: Partial<Record<SpanKind, string>> = {
  LLM: 'chat',
  EMBEDDING: 'embeddings',
  TOOL: 'execute_tool',
  AGENT: 'invoke_agent',
  RETRIEVER: 'retrieval',
  RERANKER: 'rerank',
};

const KEYS = new Set([
  'openinference.span.kind',
  'input.value',
  'input.mime_type',
  'output.value',
  'output.mime_type',
  'llm.model_name',
  'llm.provider',
  'llm.system',
  'llm.invocation_parameters',
  'llm.function_call',
  'embedding.model_name',
  'tool.name',
  'tool.description',
  'tool.parameters',
  'tool.json_schema',
  'tool.id',
  'tool_call.id',
  'tool_call.function.name',
  'tool_call.function.arguments',
  'reranker.query',
  'reranker.model_name',
  'reranker.top_k',
  'session.id',
  'user.id',
  'tag.tags',
  'metadata',
  'agent.name',
  'graph.node.id',
  'graph.node.name',
  'graph.node.parent_id',
]);
const PREFIXES = ['llm.token_count.', 'llm.prompt_template.', 'llm.cost.'];
const INDEXED_LISTS = [
  'llm.input_messages',
  'llm.output_messages',
  'llm.tools',
  'retrieval.documents',
  'reranker.input_documents',
  'reranker.output_documents',
  'embedding.embeddings',
  'llm.prompts',
  'llm.choices',
];

const documents = (attributes: Record<string, unknown>, prefix: string) => {
  const items = readIndexed(attributes, prefix).map((item) => {
    const document = stripPrefix(item, 'document');
    const metadata = typeof document.metadata === 'string' ? readObject(document, 'metadata') : document.metadata;
    return { ...document, ...(metadata !== undefined ? { metadata: metadata ?? document.metadata } : {}) };
  });
  return items.length > 0 ? items : null;
};

const messages = (attributes: Record<string, unknown>, prefix: string) => {
  const items = readIndexed(attributes, prefix).map((item) => stripPrefix(item, 'message'));
  return items.length > 0 ? JSON.stringify(items) : null;
};

/** OpenInference (Arize Phoenix): `openinference.span.kind`, `llm.*`, `input.value`/`output.value`, … */
export const openinferenceMapper: SpanMapper = {
  convention: 'openinference',
  detects: (attributes) => attributes['openinference.span.kind'] !== undefined,
  understands: (key) =>
    KEYS.has(key) || PREFIXES.some((prefix) => key.startsWith(prefix)) || INDEXED_LISTS.some((list) => isIndexedKey(key, list)),
  map: ({ attributes }) => {
    const declared = String(attributes['openinference.span.kind'] ?? '').toUpperCase() as SpanKind;
    const kind: SpanKind = KINDS.has(declared) ? declared : 'UNKNOWN';
    const inputTokens = readCount(attributes, 'llm.token_count.prompt');
    const outputTokens = readCount(attributes, 'llm.token_count.completion');
    const input = readString(attributes, 'input.value') ?? messages(attributes, 'llm.input_messages');
    const output = readString(attributes, 'output.value') ?? messages(attributes, 'llm.output_messages');
    const fields: Partial<MappedFields> = {
      kind,
      operation: OPERATION_BY_KIND[kind] ?? null,
      provider: readString(attributes, 'llm.provider', 'llm.system'),
      model: readString(attributes, 'llm.model_name', 'embedding.model_name', 'reranker.model_name'),
      inputTokens,
      outputTokens,
      cachedTokens: readCount(attributes, 'llm.token_count.prompt_details.cache_read'),
      totalTokens:
        readCount(attributes, 'llm.token_count.total') ??
        (inputTokens !== null || outputTokens !== null ? (inputTokens ?? 0) + (outputTokens ?? 0) : null),
      input,
      output,
      toolName: readString(attributes, 'tool.name', 'tool_call.function.name'),
      retrievedDocuments: documents(attributes, 'retrieval.documents') ?? documents(attributes, 'reranker.output_documents'),
      sessionId: readString(attributes, 'session.id'),
      userId: readString(attributes, 'user.id'),
      tags: readStringList(attributes, 'tag.tags') ?? [],
      metadata: readObject(attributes, 'metadata') ?? {},
    };
    if (kind === 'TOOL') {
      // A tool span's input.value is the call's actual arguments; tool.parameters is often the schema.
      fields.toolArguments = input ?? readString(attributes, 'tool_call.function.arguments', 'tool.parameters');
      fields.toolResult = output;
    } else {
      fields.toolArguments = readString(attributes, 'tool_call.function.arguments', 'tool.parameters');
    }
    return fields;
  },
};
