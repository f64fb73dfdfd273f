import type { UsageReport, UsageReporter } from '../usage-reporter.js';

/** A `UsageReporter` that keeps every report in `reports`, for assertions in tests. */
export interface RecordingUsageReporter extends UsageReporter {
  /** Everything reported so far, in order. */
  readonly reports: UsageReport[];
}

/** Makes a usage reporter that records instead of billing. */
export function recordingUsageReporter(): RecordingUsageReporter {
  const reports: UsageReport[] = [];
  return { reports, report: (usage) => void reports.push({ ...usage }) };
}
