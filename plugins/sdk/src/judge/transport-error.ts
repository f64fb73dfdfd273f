const RETRYABLE_CODES = /^(ETIMEDOUT|ECONNRESET|ECONNREFUSED|ECONNABORTED|EPIPE|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|UND_ERR_)/;
const RETRYABLE_MESSAGES =
  /time(d)? ?out|rate.?limit|too many requests|overloaded|connection (error|reset|refused)|socket hang up|fetch failed|network error|temporarily unavailable/i;

/**
 * Whether a model call's error is worth retrying later: HTTP 408, 429 and 5xx, timeouts and
 * network failures. Other 4xx (bad key, bad request, unknown model) are not: retrying them only
 * burns time. Looks at the HTTP status where the client exposes one (OpenAI, Anthropic and
 * LangChain errors do), then at error codes and messages, then at `cause`.
 */
export function isRetryableError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const candidate = error as {
    status?: unknown;
    statusCode?: unknown;
    response?: { status?: unknown };
    code?: unknown;
    lc_error_code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
  };
  const status = [candidate.status, candidate.statusCode, candidate.response?.status].find((value) => typeof value === 'number');
  if (typeof status === 'number') return status === 408 || status === 429 || status >= 500;
  if (candidate.lc_error_code === 'MODEL_RATE_LIMIT') return true;
  if (typeof candidate.code === 'string' && RETRYABLE_CODES.test(candidate.code)) return true;
  const text = `${typeof candidate.name === 'string' ? candidate.name : ''} ${typeof candidate.message === 'string' ? candidate.message : ''}`;
  if (RETRYABLE_MESSAGES.test(text)) return true;
  return isRetryableError(candidate.cause, depth + 1);
}
