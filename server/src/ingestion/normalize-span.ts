import type { NormalizedSpan } from '../tracing/normalized-span.js';
import { genaiMapper } from './mappers/genai-mapper.js';
import { openinferenceMapper } from './mappers/openinference-mapper.js';
import { openllmetryMapper } from './mappers/openllmetry-mapper.js';
import { otelMapper } from './mappers/otel-mapper.js';
import type { MappedFields, SpanMapper } from './mappers/span-mapper.js';
import type { ValidSpan } from './validate-span.js';

/**
 * Most specific first. OpenLLMetry and OpenInference spans often carry `gen_ai.*` keys too, so the
 * GenAI mapper fills what their own conventions leave empty rather than naming the span.
 */
export const MAPPERS: readonly SpanMapper[] = [openinferenceMapper, openllmetryMapper, genaiMapper, otelMapper];

export type ResourceInfo = {
  serviceName: string;
  serviceVersion: string;
  environment: string;
  resourceAttributes: Record<string, unknown>;
};

const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));

// Application and Deployment names, session and user ids are keys of btree indexes, whose rows
// hold at most ~2.7 kB: a longer value failed the whole batch. These bounds keep every such row
// (3 bytes per UTF-16 unit at most) well inside it.
const MAX_NAME_LENGTH = 256;
const MAX_ID_LENGTH = 512;

/** Why a resource's spans or logs cannot be stored, or null when they can. */
export const resourceProblem = (resource: ResourceInfo): string | null => {
  const tooLong = (
    [
      ['service.name', resource.serviceName],
      ['service.version', resource.serviceVersion],
      ['deployment.environment', resource.environment],
    ] as const
  ).find(([, value]) => value.length > MAX_NAME_LENGTH);
  return tooLong ? `resource: ${tooLong[0]} is longer than ${MAX_NAME_LENGTH} characters` : null;
};

// A session or user "id" this long is not an id (a whole message, a serialised object): the span
// keeps it among its attributes, not as the key its traces are grouped by.
const boundedId = (id: string | null) => (id !== null && id.length > MAX_ID_LENGTH ? null : id);

export const resourceInfo = (resourceAttributes: Record<string, unknown>): ResourceInfo => ({
  serviceName: text(resourceAttributes['service.name']) || 'unknown_service',
  serviceVersion: text(resourceAttributes['service.version']),
  environment: text(resourceAttributes['deployment.environment.name'] ?? resourceAttributes['deployment.environment']),
  resourceAttributes,
});

/** What a span says when no mapper recognises anything in it. */
export const EMPTY_MAPPED_FIELDS: MappedFields = {
  kind: 'UNKNOWN',
  operation: null,
  provider: null,
  requestModel: null,
  model: null,
  inputTokens: null,
  outputTokens: null,
  cachedTokens: null,
  totalTokens: null,
  input: null,
  output: null,
  toolName: null,
  toolArguments: null,
  toolResult: null,
  retrievedDocuments: null,
  sessionId: null,
  userId: null,
  tags: [],
  metadata: {},
};

/** Merges one mapper's fields into the span: the first mapper to fill a field wins it. */
const mergeInto = (target: MappedFields, result: Partial<MappedFields>) => {
  const merged = target as Record<string, unknown>;
  for (const key in result) {
    const value = result[key as keyof MappedFields];
    if (value === null || value === undefined) continue;
    if (key === 'kind') {
      if (merged.kind === 'UNKNOWN') merged.kind = value;
    } else if (key === 'tags') {
      const tags = value as string[];
      if (tags.length > 0) merged.tags = [...new Set([...(merged.tags as string[]), ...tags])];
    } else if (key === 'metadata') {
      merged.metadata = { ...(value as object), ...(merged.metadata as object) };
    } else if (merged[key] === null) {
      merged[key] = value;
    }
  }
};

// Instrumentations send the same few dozen keys on every span: whether any mapper understands a
// key is remembered, up to a bound so that senders with unique keys cannot grow it forever.
const UNDERSTOOD_CACHE_LIMIT = 10_000;
const understood = new Map<string, boolean>();
const isUnderstood = (key: string) => {
  let known = understood.get(key);
  if (known === undefined) {
    known = MAPPERS.some((mapper) => mapper.understands(key));
    if (understood.size < UNDERSTOOD_CACHE_LIMIT) understood.set(key, known);
  }
  return known;
};

/**
 * One validated OTLP span of one resource → AgentLoop's model (cost is filled in later). Runs for
 * every span ingested: the result is built once with all its fields (one object shape) and the
 * mappers' fields are merged straight into it, winner first, then the others in priority order.
 */
export const normalizeSpan = (span: ValidSpan, resource: ResourceInfo): NormalizedSpan => {
  const { attributes } = span;
  let winner = otelMapper;
  for (const mapper of MAPPERS) {
    if (mapper.detects(attributes)) {
      winner = mapper;
      break;
    }
  }
  const unmappedAttributes: string[] = [];
  for (const key in attributes) if (!isUnderstood(key)) unmappedAttributes.push(key);
  // EMPTY_MAPPED_FIELDS spelled out rather than spread: on the ingest hot path one literal gives
  // every span the same object shape and saves a copy per span.
  const normalized: NormalizedSpan = {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    serviceName: resource.serviceName,
    serviceVersion: resource.serviceVersion,
    environment: resource.environment,
    name: span.name,
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status,
    statusMessage: span.statusMessage,
    kind: 'UNKNOWN',
    operation: null,
    provider: null,
    requestModel: null,
    model: null,
    inputTokens: null,
    outputTokens: null,
    cachedTokens: null,
    totalTokens: null,
    input: null,
    output: null,
    toolName: null,
    toolArguments: null,
    toolResult: null,
    retrievedDocuments: null,
    sessionId: null,
    userId: null,
    tags: [],
    metadata: {},
    cost: null,
    events: span.events,
    convention: winner.convention,
    unmappedAttributes,
    attributes,
    resourceAttributes: resource.resourceAttributes,
  };
  // A ValidSpan is a MapperInput (name, attributes, events): no object is built per mapper call.
  mergeInto(normalized, winner.map(span));
  for (const mapper of MAPPERS) if (mapper !== winner) mergeInto(normalized, mapper.map(span));
  normalized.sessionId = boundedId(normalized.sessionId);
  normalized.userId = boundedId(normalized.userId);
  return normalized;
};
