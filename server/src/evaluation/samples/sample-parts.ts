import type { RetrievedDocument, ToolCall, ToolDefinition, TrajectoryStep } from '@agentloop/plugin-sdk';
import type { Span } from '../../generated/prisma/client.js';
import type { SampleSpan } from './sample-rows.js';

/** Stored inputs/outputs are text; JSON text (chat messages, tool arguments) is handed over parsed. */
export const parsedText = (text: string | null | undefined): unknown => {
  if (text === null || text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Documents a retriever (or reranker) span recorded, in order. */
export const documentsOf = (span: Pick<Span, 'retrievedDocuments'>): RetrievedDocument[] => {
  const documents = Array.isArray(span.retrievedDocuments) ? span.retrievedDocuments : [];
  return documents.flatMap((document): RetrievedDocument[] => {
    if (typeof document === 'string') return [{ content: document }];
    if (!isObject(document)) return [];
    const content = document.content ?? document.text ?? document.page_content;
    if (typeof content !== 'string') return [];
    return [
      {
        content,
        ...(typeof document.id === 'string' || typeof document.id === 'number' ? { id: String(document.id) } : {}),
        ...(typeof document.score === 'number' ? { score: document.score } : {}),
        ...(isObject(document.metadata) ? { metadata: document.metadata } : {}),
      },
    ];
  });
};

const toolDefinition = (value: unknown): ToolDefinition | null => {
  if (!isObject(value)) return null;
  // OpenAI's { type: 'function', function: { name, description, parameters } } or the flat form.
  const fn = isObject(value.function) ? value.function : value;
  if (typeof fn.name !== 'string') return null;
  return {
    name: fn.name,
    ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
    ...(isObject(fn.parameters)
      ? { parameters: fn.parameters }
      : isObject(fn.input_schema)
        ? { parameters: fn.input_schema }
        : {}),
  };
};

/** Tools offered to the model on an LLM span: `gen_ai.tool.definitions` or OpenInference `llm.tools.N.tool.json_schema`. */
export const toolDefinitionsOf = (span: Pick<Span, 'attributes'>): ToolDefinition[] => {
  const attributes = isObject(span.attributes) ? span.attributes : {};
  const candidates: unknown[] = [];
  const genai = parsedText(
    typeof attributes['gen_ai.tool.definitions'] === 'string' ? attributes['gen_ai.tool.definitions'] : null,
  );
  if (Array.isArray(genai)) candidates.push(...genai);
  else if (Array.isArray(attributes['gen_ai.tool.definitions'])) candidates.push(...attributes['gen_ai.tool.definitions']);
  for (const [key, value] of Object.entries(attributes)) {
    if (/^llm\.tools\.\d+\.tool\.json_schema$/.test(key)) candidates.push(typeof value === 'string' ? parsedText(value) : value);
  }
  return candidates.map(toolDefinition).filter((tool): tool is ToolDefinition => tool !== null);
};

const statusOf = (status: Span['status']): ToolCall['status'] =>
  status === 'OK' ? 'ok' : status === 'ERROR' ? 'error' : 'unset';

/** A tool span as the call the agent made. */
export const toolCallOf = (span: SampleSpan): ToolCall => ({
  name: span.toolName ?? span.name,
  arguments: parsedText(span.toolArguments) ?? {},
  ...(span.toolResult !== null ? { result: parsedText(span.toolResult) } : {}),
  status: statusOf(span.status),
  ...(span.status === 'ERROR' && span.statusMessage ? { error: span.statusMessage } : {}),
  spanId: span.spanId,
});

/** A span as one step of the trajectory. */
export const trajectoryStepOf = (span: SampleSpan): TrajectoryStep => ({
  spanId: span.spanId,
  ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
  name: span.name,
  kind: span.kind.toLowerCase(),
  status: statusOf(span.status),
  startTime: span.startTime.toISOString(),
  durationMs: span.durationMs,
  ...(span.input !== null ? { input: parsedText(span.input) } : {}),
  ...(span.output !== null ? { output: parsedText(span.output) } : {}),
  ...(span.toolName ? { toolName: span.toolName } : {}),
  ...(span.model ? { model: span.model } : {}),
});
