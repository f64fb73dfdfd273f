import type { IncomingLogRecord } from '../../server/src/ingestion/write-log-records.js';

/** A plain INFO log record outside any trace, as ingestion stores it after validation. */
export const makeLogRecord = (
  overrides: Partial<IncomingLogRecord> & Pick<IncomingLogRecord, 'timestamp' | 'body'>,
): IncomingLogRecord => ({
  traceId: null,
  spanId: null,
  timestampIso: overrides.timestamp.toISOString(),
  severityNumber: 9,
  severityText: 'INFO',
  eventName: null,
  attributes: {},
  serviceName: 'logger',
  resourceAttributes: { 'service.name': 'logger' },
  ...overrides,
});
