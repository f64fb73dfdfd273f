import { randomBytes } from 'node:crypto';
import { EMPTY_MAPPED_FIELDS } from '../../server/src/ingestion/normalize-span.js';
import type { NormalizedSpan } from '../../server/src/tracing/normalized-span.js';

export const hexId = (bytes: number) => randomBytes(bytes).toString('hex');

/** A normalised span with neutral defaults; tests override what they look at. */
export const makeSpan = (overrides: Partial<NormalizedSpan> = {}): NormalizedSpan => ({
  traceId: hexId(16),
  spanId: hexId(8),
  parentSpanId: null,
  serviceName: 'checkout-agent',
  serviceVersion: '1.0.0',
  environment: 'production',
  name: 'span',
  ...EMPTY_MAPPED_FIELDS,
  // Fresh containers: the shared constant's must never be mutated through a test's span.
  tags: [],
  metadata: {},
  startTime: new Date('2026-11-21T10:00:00.000Z'),
  endTime: new Date('2026-11-21T10:00:01.000Z'),
  status: 'UNSET',
  statusMessage: null,
  cost: null,
  events: [],
  convention: 'otel',
  unmappedAttributes: [],
  attributes: {},
  resourceAttributes: { 'service.name': overrides.serviceName ?? 'checkout-agent' },
  ...overrides,
});
