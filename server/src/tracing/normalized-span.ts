import type { SpanKind, SpanStatus } from '../generated/prisma/enums.js';

export type SpanEvent = { name: string; time: string; attributes: Record<string, unknown> };

export type SpanConvention = 'genai' | 'openinference' | 'openllmetry' | 'otel';

/**
 * One span in AgentLoop's own model, whatever convention the instrumentation used. Ingestion
 * (OTLP decoding + normalisation) produces these; `writeSpans` stores them. Ids are lower-case hex.
 */
export type NormalizedSpan = {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  /** Resource `service.name`; becomes the Application. */
  serviceName: string;
  /** Resource `service.version` and `deployment.environment`; '' when absent. */
  serviceVersion: string;
  environment: string;
  name: string;
  kind: SpanKind;
  startTime: Date;
  endTime: Date;
  status: SpanStatus;
  statusMessage: string | null;
  operation: string | null;
  provider: string | null;
  requestModel: string | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  totalTokens: number | null;
  /** US dollars, computed at ingest from the project's price table; null when unknown. */
  cost: number | null;
  input: string | null;
  output: string | null;
  toolName: string | null;
  toolArguments: string | null;
  toolResult: string | null;
  retrievedDocuments: unknown[] | null;
  events: SpanEvent[];
  sessionId: string | null;
  userId: string | null;
  tags: string[];
  metadata: Record<string, unknown>;
  convention: SpanConvention;
  unmappedAttributes: string[];
  attributes: Record<string, unknown>;
  resourceAttributes: Record<string, unknown>;
};
