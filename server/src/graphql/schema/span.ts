import type { Span } from '../../generated/prisma/client.js';
import { restoreAttributes } from '../../tracing/stored-attributes.js';
import { builder } from '../builder.js';
import { SpanKindEnum, SpanStatusEnum } from './span-enums.js';
import { spanLoaders } from './span-loaders.js';

type SpanEventShape = { name: string; time: string | null; attributes: unknown };

const SpanEventRef = builder.objectRef<SpanEventShape>('SpanEvent').implement({
  description: 'An event recorded on a span (exceptions, GenAI messages, …).',
  fields: (t) => ({
    name: t.exposeString('name'),
    time: t.field({ type: 'DateTime', nullable: true, resolve: (event) => event.time }),
    attributes: t.expose('attributes', { type: 'JSON' }),
  }),
});

const eventsOf = (span: Span): SpanEventShape[] =>
  Array.isArray(span.events)
    ? span.events.flatMap((event) =>
        event && typeof event === 'object' && !Array.isArray(event)
          ? [
              {
                name: String(event.name ?? ''),
                time: typeof event.time === 'string' ? event.time : null,
                attributes: event.attributes ?? {},
              },
            ]
          : [],
      )
    : [];

export const SpanRef = builder.prismaNode('Span', {
  // A missing or foreign object resolves to null, as Relay clients expect, not to an error.
  nullable: true,
  id: { field: 'id' },
  description: 'One OpenTelemetry span, normalised; `attributes` keeps what the instrumentation sent.',
  findUnique: (id, ctx) => ({ id, AND: [{ projectId: ctx.principal.projectId }] }),
  fields: (t) => ({
    spanId: t.exposeString('spanId', { description: '16 hex digits.' }),
    traceId: t.exposeString('traceId', { description: '32 hex digits.' }),
    parentSpanId: t.exposeString('parentSpanId', {
      nullable: true,
      description: 'Null for a root span; set but absent from the trace for an orphan.',
    }),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: SpanKindEnum }),
    startTime: t.expose('startTime', { type: 'DateTime' }),
    endTime: t.expose('endTime', { type: 'DateTime' }),
    durationMs: t.exposeFloat('durationMs'),
    status: t.expose('status', { type: SpanStatusEnum }),
    statusMessage: t.exposeString('statusMessage', { nullable: true }),
    operation: t.exposeString('operation', { nullable: true, description: 'e.g. chat, embeddings, execute_tool.' }),
    provider: t.exposeString('provider', { nullable: true }),
    requestModel: t.exposeString('requestModel', { nullable: true }),
    model: t.exposeString('model', { nullable: true, description: 'The model that answered.' }),
    inputTokens: t.exposeInt('inputTokens', { nullable: true }),
    outputTokens: t.exposeInt('outputTokens', { nullable: true }),
    cachedTokens: t.exposeInt('cachedTokens', { nullable: true }),
    totalTokens: t.exposeInt('totalTokens', { nullable: true }),
    cost: t.float({
      nullable: true,
      description: 'US dollars; null when the model has no price.',
      resolve: (span) => (span.cost === null ? null : Number(span.cost)),
    }),
    input: t.exposeString('input', { nullable: true }),
    output: t.exposeString('output', { nullable: true }),
    toolName: t.exposeString('toolName', { nullable: true }),
    toolArguments: t.exposeString('toolArguments', { nullable: true }),
    toolResult: t.exposeString('toolResult', { nullable: true }),
    retrievedDocuments: t.expose('retrievedDocuments', { type: 'JSON', nullable: true }),
    events: t.field({ type: [SpanEventRef], resolve: eventsOf }),
    sessionId: t.exposeString('sessionId', { nullable: true }),
    userId: t.exposeString('userId', { nullable: true }),
    tags: t.exposeStringList('tags'),
    metadata: t.expose('metadata', { type: 'JSON' }),
    convention: t.exposeString('convention', {
      description: 'Which convention mapped the span: genai, openinference, openllmetry or otel.',
    }),
    unmappedAttributes: t.exposeStringList('unmappedAttributes', {
      description: 'Attribute keys no mapper understood: why a field above may be empty.',
    }),
    attributes: t.field({
      type: 'JSON',
      description: 'The raw span attributes, exactly as the instrumentation sent them.',
      resolve: restoreAttributes,
    }),
    resourceAttributes: t.expose('resourceAttributes', { type: 'JSON' }),
  }),
});

builder.objectField(SpanRef, 'children', (t) =>
  t.field({
    type: [SpanRef],
    description: 'Direct children in start order, from the spans already loaded for the trace.',
    resolve: (span, _args, ctx) => spanLoaders(ctx).childrenOf(span),
  }),
);
