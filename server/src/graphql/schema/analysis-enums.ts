import { SpanKind, SpanStatus } from '../../generated/prisma/enums.js';
import { builder } from '../builder.js';

// Own names rather than the trace module's SpanKind/SpanStatus, so metrics and analysis do not
// depend on a schema module built in parallel; the values are the same Prisma enums.
export const AnalysisSpanKind = builder.enumType(SpanKind, {
  name: 'AnalysisSpanKind',
  description: 'What a span did, as normalised at ingest.',
});

export const AnalysisSpanStatus = builder.enumType(SpanStatus, {
  name: 'AnalysisSpanStatus',
  description: 'OpenTelemetry status of a span or trace; a trace is ERROR when any of its spans is.',
});
