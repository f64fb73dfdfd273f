import http from 'node:http';
import https from 'node:https';
import { type Config, MeilisearchApiError, type MeilisearchErrorResponse, MeilisearchRequestError } from 'meilisearch';

type HttpClient = NonNullable<Config['httpClient']>;

type RawResponse = { status: number; headers: http.IncomingHttpHeaders; text: string };

const send = (agents: { http: http.Agent; https: https.Agent }, url: URL, init: RequestInit = {}) =>
  new Promise<RawResponse>((resolve, reject) => {
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      // meilisearch-js sends JSON, NDJSON or CSV as strings; only its chat streams send anything else.
      reject(new TypeError('the Meilisearch transport sends string bodies only'));
      return;
    }
    const body = init.body ?? undefined;
    const headers: Record<string, string> = Object.fromEntries(new Headers(init.headers ?? undefined));
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request(
      url,
      { method: init.method ?? 'GET', headers, agent: secure ? agents.https : agents.http, signal: init.signal ?? undefined },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    // meilisearch-js aborts with a reason of its own and recognises it to report a timeout.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (init.signal?.aborted) return reject(init.signal.reason);
      reject(request.reusedSocket && error.code === 'ECONNRESET' ? new StaleSocketError(error) : error);
    });
    request.end(body);
  });

/**
 * A kept-alive connection the server closed just as we reused it: Meilisearch drops idle
 * connections after 5 s, and a request sent at that moment is reset before it is read. Node's
 * documented remedy is to send it again on a new connection.
 */
class StaleSocketError extends Error {
  constructor(readonly original: Error) {
    super(original.message);
    this.name = 'StaleSocketError';
  }
}

/** Enough for every idle socket of a burst to have gone stale together; each fails at once. */
const STALE_RETRIES = 8;

const sendRetryingStale = async (agents: { http: http.Agent; https: https.Agent }, url: URL, init: RequestInit = {}) => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send(agents, url, init);
    } catch (error) {
      // A reset socket leaves the pool, so the next attempt takes another one or a new connection.
      if (!(error instanceof StaleSocketError)) throw error;
      if (attempt === STALE_RETRIES) throw error.original;
    }
  }
};

const responseOf = (raw: RawResponse) => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  const noBody = raw.status === 204 || raw.status === 304 || raw.text === '';
  return new Response(noBody ? null : raw.text, { status: raw.status, headers });
};

/**
 * meilisearch-js's transport on node:http with keep-alive connections instead of fetch. Through
 * fetch, about half of the searches made from inside the server spent ~45 ms on a round trip
 * that Meilisearch answered in 1–4 ms; over node:http they take 2–5 ms (bench/dataset-search).
 * Failures keep the client's shapes: an error answer is a MeilisearchApiError (which the client
 * wraps in a MeilisearchRequestError, see meilisearchApiErrorOf), a timeout its own timeout error.
 * `httpClient` is deprecated upstream (meilisearch-js#1824); revisit when the pinned client drops it.
 */
export const createMeilisearchHttpClient = (): HttpClient => {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const raw = await sendRetryingStale(agents, url, init);
    const json: unknown = raw.text === '' ? undefined : JSON.parse(raw.text);
    if (raw.status < 200 || raw.status >= 300) {
      throw new MeilisearchApiError(responseOf(raw), json as MeilisearchErrorResponse | undefined);
    }
    return json;
  };
};

/** The error Meilisearch answered with, however the client wrapped it. */
export const meilisearchApiErrorOf = (error: unknown): MeilisearchApiError | undefined => {
  if (error instanceof MeilisearchApiError) return error;
  if (error instanceof MeilisearchRequestError && error.cause instanceof MeilisearchApiError) return error.cause;
  return undefined;
};

/** Meilisearch's error code (`index_not_found`, …) of a failed request, if it answered with one. */
export const meilisearchErrorCode = (error: unknown): string | undefined => meilisearchApiErrorOf(error)?.cause?.code;
