import { describe, expect, it } from 'vitest';
import { isRetryableError } from './transport-error.js';

const withStatus = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

describe('isRetryableError', () => {
  it.each([429, 408, 500, 502, 503, 529])('retries HTTP %i', (status) => expect(isRetryableError(withStatus(status))).toBe(true));
  it.each([400, 401, 403, 404, 422])('does not retry HTTP %i', (status) =>
    expect(isRetryableError(withStatus(status))).toBe(false),
  );

  it('recognises timeouts, network failures and rate limits without a status', () => {
    expect(isRetryableError(new DOMException('The operation timed out.', 'TimeoutError'))).toBe(true);
    expect(isRetryableError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isRetryableError(new Error('Connection error.'))).toBe(true);
    expect(isRetryableError(Object.assign(new Error('x'), { lc_error_code: 'MODEL_RATE_LIMIT' }))).toBe(true);
    expect(isRetryableError(new Error('wrapped', { cause: withStatus(503) }))).toBe(true);
    expect(isRetryableError({ response: { status: 429 } })).toBe(true);
  });

  it('does not retry other errors', () => {
    expect(isRetryableError(new Error('Invalid API key'))).toBe(false);
    expect(isRetryableError('string')).toBe(false);
    expect(isRetryableError(null)).toBe(false);
  });
});
