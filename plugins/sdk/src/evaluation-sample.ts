import type { JsonSchema } from './json-schema.js';

/** What is being evaluated; scores attach to it. */
export interface EvaluationTarget {
  /** The kind of object the scores attach to. */
  type: 'trace' | 'span' | 'dataset-record' | 'experiment-sample';
  /** The object's id (opaque to plugins). */
  id: string;
}

/** A document the agent retrieved (RAG context). */
export interface RetrievedDocument {
  /** The document's text as the agent saw it. */
  content: string;
  /** The retriever's id for the document, when it had one. */
  id?: string;
  /** The retriever's relevance score, when it reported one. */
  score?: number;
  /** Anything else the retriever attached (source, page, …). */
  metadata?: Record<string, unknown>;
}

/** A tool the agent could call, as it was offered to the model. */
export interface ToolDefinition {
  /** The tool's name. */
  name: string;
  /** What the tool does, as the model was told. */
  description?: string;
  /** The JSON Schema of the tool's arguments, when declared. Check arguments with `validateAgainstJsonSchema`. */
  parameters?: JsonSchema;
}

/** One tool call the agent made. */
export interface ToolCall {
  /** The called tool's name. */
  name: string;
  /** The arguments the model produced (usually an object; a string when it could not be parsed). */
  arguments: unknown;
  /** What the tool returned, when recorded. */
  result?: unknown;
  /** The status of the tool call's span: `unset` when the instrumentation did not say. */
  status: 'ok' | 'error' | 'unset';
  /** The error message when `status` is `error`. */
  error?: string;
  /** The span that recorded the call, when there was one. */
  spanId?: string;
}

/** One step of the agent's trajectory: a span of the trace. */
export interface TrajectoryStep {
  /** The span's id. */
  spanId: string;
  /** The parent span's id; absent for the root. */
  parentSpanId?: string;
  /** The span's name. */
  name: string;
  /** The span's kind as AgentLoop classifies it (e.g. `llm`, `tool`, `retriever`, `agent`, `chain`). */
  kind: string;
  /** The span's status: `ok`, `error` or `unset`. */
  status: string;
  /** When the span started, ISO 8601. */
  startTime: string;
  /** How long the span took. */
  durationMs: number;
  /** The span's input, when recorded. */
  input?: unknown;
  /** The span's output, when recorded. */
  output?: unknown;
  /** For tool spans, the tool's name. */
  toolName?: string;
  /** For LLM spans, the model's name. */
  model?: string;
}

/**
 * One thing to evaluate, as the host hands it to `evaluate`. Everything but `target` is optional:
 * a plugin declares in `inputs.required` what it cannot do without, and the host only calls it
 * with samples that have those parts.
 */
export interface EvaluationSample {
  /** What the scores will attach to. */
  target: EvaluationTarget;
  /** The input of the run (the user's question, the prompt variables, the chat messages, …). */
  input?: unknown;
  /** What the agent answered. Use `toText` to get a string from any shape. */
  output?: unknown;
  /** The reference answer, from a dataset record. */
  expectedOutput?: unknown;
  /** Documents the agent retrieved, in the order it received them. */
  context?: RetrievedDocument[];
  /** Tools offered to the agent. */
  tools?: ToolDefinition[];
  /** Tool calls the agent made, in the order it made them. */
  toolCalls?: ToolCall[];
  /** The spans of the run, in start order. */
  trajectory?: TrajectoryStep[];
  /** Metadata of the trace / record (user, session, tags, …). */
  metadata?: Record<string, unknown>;
}
