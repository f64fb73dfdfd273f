import { SpanKind, SpanStatus } from '../../generated/prisma/enums.js';
import { builder } from '../builder.js';

export const SpanKindEnum = builder.enumType(SpanKind, {
  name: 'SpanKind',
  description: 'What a span did, normalised from whichever convention the instrumentation used.',
});

export const SpanStatusEnum = builder.enumType(SpanStatus, {
  name: 'SpanStatus',
  description: 'OpenTelemetry span status; a trace is ERROR when any of its spans is.',
});

export const SortDirectionEnum = builder.enumType('SortDirection', { values: ['ASC', 'DESC'] as const });
