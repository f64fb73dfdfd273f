import { describe, expect, it } from 'vitest';
import { validateLogRecord } from './validate-log-record.js';

const NOW = Date.UTC(2026, 10, 21, 12);

describe('validateLogRecord', () => {
  it('keeps ids, severity, event name (field or event.name attribute) and a structured body as JSON', () => {
    const result = validateLogRecord(
      {
        timeUnixNano: '1795262400123456789',
        severityNumber: 9,
        severityText: 'INFO',
        traceId: '5B8EFFF798038103D269B633813FC60C',
        spanId: 'eee19b7ec3c1b174',
        body: { kvlistValue: { values: [{ key: 'content', value: { stringValue: 'Hi' } }] } },
        attributes: [{ key: 'event.name', value: { stringValue: 'gen_ai.user.message' } }],
      },
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      record: {
        traceId: '5b8efff798038103d269b633813fc60c',
        spanId: 'eee19b7ec3c1b174',
        timestamp: new Date('2026-11-21T12:00:00.123Z'),
        timestampIso: '2026-11-21T12:00:00.123456Z',
        severityNumber: 9,
        severityText: 'INFO',
        eventName: 'gen_ai.user.message',
        body: '{"content":"Hi"}',
        attributes: { 'event.name': 'gen_ai.user.message' },
      },
    });
  });

  it('falls back to the observed time, then to now; empty ids mean no trace', () => {
    const observed = validateLogRecord(
      { observedTimeUnixNano: String(BigInt(NOW - 5) * 1_000_000n), traceId: '', spanId: '' },
      NOW,
    );
    expect(observed.ok && observed.record).toMatchObject({
      timestamp: new Date(NOW - 5),
      traceId: null,
      spanId: null,
      body: null,
    });
    const bare = validateLogRecord({}, NOW);
    expect(bare.ok && bare.record.timestamp).toEqual(new Date(NOW));
  });

  it('rejects bad ids and far-future times with a reason', () => {
    expect(validateLogRecord({ traceId: 'abc' }, NOW)).toEqual({
      ok: false,
      reason: 'log record: traceId must be 32 hex digits',
    });
    expect(validateLogRecord({ spanId: 'abc' }, NOW)).toEqual({ ok: false, reason: 'log record: spanId must be 16 hex digits' });
    const future = String(BigInt(NOW + 3 * 86_400_000) * 1_000_000n);
    expect(validateLogRecord({ timeUnixNano: future }, NOW)).toEqual({
      ok: false,
      reason: 'log record: timeUnixNano is in the future',
    });
    expect(validateLogRecord({ severityNumber: { bad: true } }, NOW).ok).toBe(false);
  });
});
