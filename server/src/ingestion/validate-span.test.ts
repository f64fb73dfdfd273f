import { describe, expect, it } from 'vitest';
import { validateSpan } from './validate-span.js';

const NOW = Date.UTC(2026, 10, 21, 12);
const ns = (ms: number) => String(BigInt(ms) * 1_000_000n);
const base = {
  traceId: '5B8EFFF798038103D269B633813FC60C',
  spanId: 'EEE19B7EC3C1B174',
  parentSpanId: 'EEE19B7EC3C1B173',
  name: 'GET /',
  kind: 2,
  startTimeUnixNano: ns(NOW - 1000),
  endTimeUnixNano: 1_000_000 * (NOW - 500),
  attributes: [
    { key: 'n', value: { intValue: '9007199254740993' } },
    { key: 'd', value: { doubleValue: 'NaN' } },
    { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { boolValue: true }] } } },
    { key: 'kv', value: { kvlistValue: { values: [{ key: 'x', value: { intValue: 1 } }] } } },
  ],
  events: [
    { timeUnixNano: ns(NOW - 700), name: 'exception', attributes: [{ key: 'exception.type', value: { stringValue: 'E' } }] },
  ],
  status: { code: 2, message: 'boom' },
};

describe('validateSpan', () => {
  it('accepts an OTLP/JSON span: hex ids in any case, 64-bit ints as strings or numbers', () => {
    const result = validateSpan(base, NOW);
    expect(result).toEqual({
      ok: true,
      span: {
        traceId: '5b8efff798038103d269b633813fc60c',
        spanId: 'eee19b7ec3c1b174',
        parentSpanId: 'eee19b7ec3c1b173',
        name: 'GET /',
        startTime: new Date(NOW - 1000),
        endTime: new Date(NOW - 500),
        status: 'ERROR',
        statusMessage: 'boom',
        attributes: { n: '9007199254740993', d: 'NaN', list: ['a', true], kv: { x: 1 } },
        events: [{ name: 'exception', time: new Date(NOW - 700).toISOString(), attributes: { 'exception.type': 'E' } }],
      },
    });
  });

  it('rejects bad ids, reversed or absurd timestamps and broken structure with a reason', () => {
    const reasons = [
      { ...base, traceId: '00000000000000000000000000000000' },
      { ...base, spanId: 'xyz' },
      { ...base, parentSpanId: 'abc' },
      { ...base, endTimeUnixNano: ns(NOW - 2000) },
      { ...base, startTimeUnixNano: '1700000000', endTimeUnixNano: '1700000001' },
      { ...base, startTimeUnixNano: ns(NOW + 2 * 86_400_000), endTimeUnixNano: ns(NOW + 2 * 86_400_000) },
      { ...base, startTimeUnixNano: { seconds: 1 } },
    ].map((span) => {
      const result = validateSpan(span, NOW);
      return result.ok ? 'accepted' : result.reason;
    });
    expect(reasons).toEqual([
      'span "GET /": traceId must be 16 non-zero bytes (32 hex digits)',
      'span "GET /": spanId must be 8 non-zero bytes (16 hex digits)',
      'span "GET /": parentSpanId must be empty or 8 bytes (16 hex digits)',
      'span "GET /": endTimeUnixNano is before startTimeUnixNano',
      'span "GET /": startTimeUnixNano is missing or before 2000',
      'span "GET /": startTimeUnixNano is in the future',
      expect.stringMatching(/^startTimeUnixNano: /),
    ]);
  });

  it('treats an empty or all-zero parent as a root span', () => {
    const empty = validateSpan({ ...base, parentSpanId: '' }, NOW);
    const zero = validateSpan({ ...base, parentSpanId: '0000000000000000' }, NOW);
    expect(empty.ok && empty.span.parentSpanId).toBeNull();
    expect(zero.ok && zero.span.parentSpanId).toBeNull();
  });
});
