import type { SpanKind } from '../../generated/prisma/enums.js';
import type { NormalizedSpan, SpanConvention, SpanEvent } from '../../tracing/normalized-span.js';

/** The fields a convention can fill; everything else of a NormalizedSpan comes from OTLP itself. */
export type MappedFields = Pick<
  NormalizedSpan,
  | 'operation'
  | 'provider'
  | 'requestModel'
  | 'model'
  | 'inputTokens'
  | 'outputTokens'
  | 'cachedTokens'
  | 'totalTokens'
  | 'input'
  | 'output'
  | 'toolName'
  | 'toolArguments'
  | 'toolResult'
  | 'retrievedDocuments'
  | 'sessionId'
  | 'userId'
  | 'tags'
  | 'metadata'
> & { kind: SpanKind };

export type MapperInput = { name: string; attributes: Record<string, unknown>; events: SpanEvent[] };

/**
 * One semantic convention. `detects` decides whether the span was written in it (the first
 * detecting mapper, by priority, names the span's convention); `understands` says which attribute
 * keys it reads, so the rest can be reported as unmapped.
 */
export type SpanMapper = {
  convention: SpanConvention;
  detects(attributes: Record<string, unknown>): boolean;
  understands(key: string): boolean;
  map(input: MapperInput): Partial<MappedFields>;
};
