import type { NormalizedSpan } from '../tracing/normalized-span.js';
import { keyValuesToRecord } from './any-value.js';
import { normalizeSpan, resourceInfo } from './normalize-span.js';
import { OtlpRequestError } from './otlp-request-error.js';
import type { ExportTraceRequest } from './otlp-trace-schema.js';
import { validateSpan } from './validate-span.js';

export type CollectedSpans = {
  spans: NormalizedSpan[];
  rejected: number;
  /** Why spans were rejected: the first few reasons, for OTLP partial success. */
  errorMessage: string;
};

const MAX_REASONS = 5;

/**
 * Validates and normalises every span of a request. Invalid spans are counted and skipped (OTLP
 * partial success); too many spans refuse the request as a whole before any work is done.
 */
export const collectSpans = (request: ExportTraceRequest, options: { maxSpans: number; now: number }): CollectedSpans => {
  let total = 0;
  for (const resourceSpans of request.resourceSpans ?? []) {
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) total += scopeSpans.spans?.length ?? 0;
  }
  if (total > options.maxSpans) {
    throw new OtlpRequestError(400, `Too many spans in one request: ${total} > ${options.maxSpans}; send smaller batches`);
  }
  const spans: NormalizedSpan[] = [];
  const reasons: string[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = resourceInfo(keyValuesToRecord(resourceSpans.resource?.attributes));
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const raw of scopeSpans.spans ?? []) {
        const result = validateSpan(raw, options.now);
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
  }
  const more = rejected > reasons.length ? ` (and ${rejected - reasons.length} more)` : '';
  return { spans, rejected, errorMessage: rejected > 0 ? `${rejected} span(s) rejected: ${reasons.join('; ')}${more}` : '' };
};
