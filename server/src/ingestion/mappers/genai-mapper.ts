import type { SpanKind } from '../../generated/prisma/enums.js';
import type { SpanEvent } from '../../tracing/normalized-span.js';
import { asText, readCount, readString } from './attribute-reader.js';
import type { MappedFields, SpanMapper } from './span-mapper.js';

// https://opentelemetry.io/docs/specs/semconv/gen-ai/ — operation names → our span kinds.
const KIND_BY_OPERATION: Record<string, SpanKind> = {
  chat: 'LLM',
  text_completion: 'LLM',
  generate_content: 'LLM',
  embeddings: 'EMBEDDING',
  execute_tool: 'TOOL',
  invoke_agent: 'AGENT',
  create_agent: 'AGENT',
  retrieval: 'RETRIEVER',
};

const KEYS = new Set([
  'gen_ai.operation.name',
  'gen_ai.system',
  'gen_ai.provider.name',
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.output_tokens',
  'gen_ai.usage.prompt_tokens',
  'gen_ai.usage.completion_tokens',
  'gen_ai.usage.total_tokens',
  'gen_ai.usage.cache_read_input_tokens',
  'gen_ai.usage.cache_read.input_tokens',
  'gen_ai.usage.cache_creation_input_tokens',
  'gen_ai.usage.cache_creation.input_tokens',
  'gen_ai.usage.reasoning_tokens',
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.output.type',
  'gen_ai.conversation.id',
  'gen_ai.data_source.id',
  'gen_ai.prompt',
  'gen_ai.completion',
]);
// Families whose every key is described by the convention and kept in the raw attributes.
const PREFIXES = [
  'gen_ai.request.',
  'gen_ai.response.',
  'gen_ai.tool.',
  'gen_ai.agent.',
  'gen_ai.embeddings.',
  'gen_ai.evaluation.',
  'gen_ai.openai.',
  'gen_ai.token.',
];

// Before gen_ai.input/output.messages existed, instrumentations sent content as span events.
const MESSAGE_EVENTS: Record<string, string> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

const fromEvents = (events: SpanEvent[]) => {
  let input: string | null = null;
  let output: string | null = null;
  const inputMessages: unknown[] = [];
  const choices: unknown[] = [];
  for (const event of events) {
    const a = event.attributes;
    if (event.name === 'gen_ai.client.inference.operation.details') {
      input ??= readString(a, 'gen_ai.input.messages');
      output ??= readString(a, 'gen_ai.output.messages');
    } else if (event.name === 'gen_ai.content.prompt') {
      input ??= readString(a, 'gen_ai.prompt');
    } else if (event.name === 'gen_ai.content.completion') {
      output ??= readString(a, 'gen_ai.completion');
    } else if (event.name in MESSAGE_EVENTS) {
      inputMessages.push({ role: MESSAGE_EVENTS[event.name], ...a });
    } else if (event.name === 'gen_ai.choice') {
      choices.push(a);
    }
  }
  if (input === null && inputMessages.length > 0) input = JSON.stringify(inputMessages);
  if (output === null && choices.length > 0) output = JSON.stringify(choices);
  return { input, output };
};

const kindOf = (operation: string | null, attributes: Record<string, unknown>): SpanKind => {
  const known = operation ? KIND_BY_OPERATION[operation] : undefined;
  if (known) return known;
  if (attributes['gen_ai.tool.name'] !== undefined) return 'TOOL';
  if (attributes['gen_ai.request.model'] !== undefined || attributes['gen_ai.response.model'] !== undefined) return 'LLM';
  return 'UNKNOWN';
};

/** OpenTelemetry GenAI semantic conventions (`gen_ai.*`), old and new attribute names. */
export const genaiMapper: SpanMapper = {
  convention: 'genai',
  detects: (attributes) => {
    for (const key in attributes) if (key.startsWith('gen_ai.')) return true;
    return false;
  },
  understands: (key) => KEYS.has(key) || PREFIXES.some((prefix) => key.startsWith(prefix)),
  map: ({ attributes, events }) => {
    const operation = readString(attributes, 'gen_ai.operation.name');
    const kind = kindOf(operation, attributes);
    const inputTokens = readCount(attributes, 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens');
    const outputTokens = readCount(attributes, 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens');
    const toolArguments = readString(attributes, 'gen_ai.tool.call.arguments');
    const toolResult = readString(attributes, 'gen_ai.tool.call.result');
    const fromEventLog = fromEvents(events);
    const fields: Partial<MappedFields> = {
      kind,
      operation,
      provider: readString(attributes, 'gen_ai.provider.name', 'gen_ai.system'),
      requestModel: readString(attributes, 'gen_ai.request.model'),
      model: readString(attributes, 'gen_ai.response.model', 'gen_ai.request.model'),
      inputTokens,
      outputTokens,
      cachedTokens: readCount(attributes, 'gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens'),
      totalTokens:
        readCount(attributes, 'gen_ai.usage.total_tokens') ??
        (inputTokens !== null || outputTokens !== null ? (inputTokens ?? 0) + (outputTokens ?? 0) : null),
      input: readString(attributes, 'gen_ai.input.messages', 'gen_ai.prompt') ?? fromEventLog.input,
      output: readString(attributes, 'gen_ai.output.messages', 'gen_ai.completion') ?? fromEventLog.output,
      toolName: readString(attributes, 'gen_ai.tool.name'),
      toolArguments,
      toolResult,
      sessionId: readString(attributes, 'gen_ai.conversation.id'),
    };
    // A tool call's arguments and result are its input and output.
    if (kind === 'TOOL') {
      fields.input ??= asText(toolArguments);
      fields.output ??= asText(toolResult);
    }
    return fields;
  },
};
