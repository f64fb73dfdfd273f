import type { NormalizedSpan } from '../tracing/normalized-span.js';
import type { DecodedTraceRequest } from './decode-trace-request.js';
import { normalizeSpan, resourceInfo, resourceProblem } from './normalize-span.js';
import { OtlpRequestError } from './otlp-request-error.js';
import type { SpanValidation } from './validate-span.js';

export type CollectedSpans = {
  spans: NormalizedSpan[];
  rejected: number;
  /** Why spans were rejected: the first few reasons, for OTLP partial success. */
  errorMessage: string;
};

const MAX_REASONS = 5;

// Attribute values nested absurdly deep overflow the stack of the recursive conversion: that span
// is rejected, not the request (and never answered 503, which the exporter would retry forever).
const validateOne = (request: DecodedTraceRequest, raw: unknown, now: number): SpanValidation => {
  try {
    return request.validateSpan(raw, now);
  } catch (error) {
    return { ok: false, reason: `span: ${error instanceof Error ? error.message : String(error)}` };
  }
};

/**
 * Validates and normalises every span of a request. Invalid spans are counted and skipped (OTLP
 * partial success); too many spans refuse the request as a whole before any work is done.
 */
export const collectSpans = (request: DecodedTraceRequest, options: { maxSpans: number; now: number }): CollectedSpans => {
  let total = 0;
  for (const resource of request.resources) total += resource.spans.length;
  if (total > options.maxSpans) {
    throw new OtlpRequestError(400, `Too many spans in one request: ${total} > ${options.maxSpans}; send smaller batches`);
  }
  const spans: NormalizedSpan[] = [];
  const reasons: string[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  for (const { attributes, spans: rawSpans } of request.resources) {
    const resource = resourceInfo(attributes);
    const problem = resourceProblem(resource);
    if (problem !== null) {
      rejected += rawSpans.length;
      if (reasons.length < MAX_REASONS) reasons.push(problem);
      continue;
    }
    for (const raw of rawSpans) {
      const result = validateOne(request, raw, options.now);
      if (!result.ok) {
        rejected++;
        if (reasons.length < MAX_REASONS) reasons.push(result.reason);
        continue;
      }
      // The same span twice in one batch would make the set-based insert count it as a duplicate
      // of itself; the first copy is the one kept, as a retried export would.
      const key = `${result.span.traceId}/${result.span.spanId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      spans.push(normalizeSpan(result.span, resource));
    }
  }
  const more = rejected > reasons.length ? ` (and ${rejected - reasons.length} more)` : '';
  return { spans, rejected, errorMessage: rejected > 0 ? `${rejected} span(s) rejected: ${reasons.join('; ')}${more}` : '' };
};
