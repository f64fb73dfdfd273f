import { keyValuesToRecord } from './any-value.js';
import { resourceInfo, resourceProblem } from './normalize-span.js';
import type { ExportLogsRequest } from './otlp-logs-schema.js';
import { OtlpRequestError } from './otlp-request-error.js';
import { validateLogRecord } from './validate-log-record.js';
import type { IncomingLogRecord } from './write-log-records.js';

export type CollectedLogRecords = { records: IncomingLogRecord[]; rejected: number; errorMessage: string };

const MAX_REASONS = 5;

/** Validates every log record of a request; invalid ones are counted and skipped (partial success). */
export const collectLogRecords = (
  request: ExportLogsRequest,
  options: { maxRecords: number; now: number },
): CollectedLogRecords => {
  let total = 0;
  for (const resourceLogs of request.resourceLogs ?? []) {
    for (const scopeLogs of resourceLogs.scopeLogs ?? []) total += scopeLogs.logRecords?.length ?? 0;
  }
  if (total > options.maxRecords) {
    throw new OtlpRequestError(
      400,
      `Too many log records in one request: ${total} > ${options.maxRecords}; send smaller batches`,
    );
  }
  const records: IncomingLogRecord[] = [];
  const reasons: string[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  for (const resourceLogs of request.resourceLogs ?? []) {
    const resource = resourceInfo(keyValuesToRecord(resourceLogs.resource?.attributes));
    const problem = resourceProblem(resource);
    if (problem !== null) {
      for (const scopeLogs of resourceLogs.scopeLogs ?? []) rejected += scopeLogs.logRecords?.length ?? 0;
      if (reasons.length < MAX_REASONS) reasons.push(problem);
      continue;
    }
    for (const scopeLogs of resourceLogs.scopeLogs ?? []) {
      for (const raw of scopeLogs.logRecords ?? []) {
        const result = validateLogRecord(raw, options.now);
        if (!result.ok) {
          rejected++;
          if (reasons.length < MAX_REASONS) reasons.push(result.reason);
          continue;
        }
        const r = result.record;
        // Mirrors the writer's duplicate test, which cannot see rows of its own statement.
        const key = JSON.stringify([r.timestampIso, r.traceId, r.spanId, r.eventName, r.body]);
        if (seen.has(key)) continue;
        seen.add(key);
        records.push({ ...r, serviceName: resource.serviceName, resourceAttributes: resource.resourceAttributes });
      }
    }
  }
  const more = rejected > reasons.length ? ` (and ${rejected - reasons.length} more)` : '';
  return {
    records,
    rejected,
    errorMessage: rejected > 0 ? `${rejected} log record(s) rejected: ${reasons.join('; ')}${more}` : '',
  };
};
