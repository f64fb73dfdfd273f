import http from 'node:http';
import https from 'node:https';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';

/** The `fetch` shape the OpenAI SDK (and so LangChain's OpenAI classes) accept as `configuration.fetch`. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const MAX_REDIRECTS = 20;
// Idle keep-alive sockets are closed after this long, before common servers' 5 s keep-alive timeout,
// so a request rarely meets a socket the server is closing (and a reused one that was reset is retried once).
const IDLE_SOCKET_MS = 4_000;
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

const abortReason = (signal: AbortSignal | null | undefined) =>
  signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');

/** A request body as bytes (sent with a content-length, and replayable), or a stream sent chunked. */
type Body = { bytes: Buffer; contentType: string | null } | { stream: Readable } | null;

const bodyOf = async (body: BodyInit | null | undefined): Promise<Body> => {
  if (body === null || body === undefined) return null;
  if (typeof body === 'string') return { bytes: Buffer.from(body), contentType: 'text/plain;charset=UTF-8' };
  if (body instanceof ArrayBuffer) return { bytes: Buffer.from(body), contentType: null };
  if (ArrayBuffer.isView(body)) return { bytes: Buffer.from(body.buffer, body.byteOffset, body.byteLength), contentType: null };
  if (body instanceof ReadableStream) return { stream: Readable.fromWeb(body as import('node:stream/web').ReadableStream) };
  if (typeof body === 'object' && Symbol.asyncIterator in body)
    return { stream: Readable.from(body as AsyncIterable<Uint8Array>) };
  // FormData (file uploads), Blob, URLSearchParams: encoded as fetch would, boundary and content type included.
  const encoded = new Response(body);
  return { bytes: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type') };
};

/**
 * `deflate` is zlib-wrapped by the standard and raw in some servers; fetch accepts both, and so
 * does this: the first byte of a zlib stream says CM = 8.
 */
class Inflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    if (!this.inner) {
      this.inner = (chunk[0] ?? 0) % 16 === 8 ? zlib.createInflate() : zlib.createInflateRaw();
      this.inner.on('data', (data: Buffer) => this.push(data));
      this.inner.on('error', (error) => this.destroy(error));
    }
    this.inner.write(chunk, done);
  }
  override _flush(done: TransformCallback) {
    if (!this.inner) return done();
    this.inner.once('end', () => done());
    this.inner.end();
  }
}

const decoderOf = (encoding: string | undefined): Transform | null => {
  const coding = encoding?.trim().toLowerCase();
  if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
  if (coding === 'deflate') return new Inflate();
  if (coding === 'br') return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  return null;
};

const headersOf = (raw: string[]) => {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
};

/** Server-sent events are read as they arrive; every other answer is read whole before it is returned. */
const streamed = (response: http.IncomingMessage) =>
  (response.headers['content-type'] ?? '').toLowerCase().startsWith('text/event-stream');

type Sent = { response: http.IncomingMessage; reused: boolean };

const send = (
  agents: { http: http.Agent; https: https.Agent },
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Body,
  signal: AbortSignal | null,
) =>
  new Promise<Sent>((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request(url, { method, headers, agent: secure ? agents.https : agents.http });
    const onAbort = () => request.destroy(abortReason(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);
    request.once('response', (response) => {
      settle();
      resolve({ response, reused: request.reusedSocket });
    });
    request.once('error', (error) => {
      settle();
      reject(signal?.aborted ? abortReason(signal) : Object.assign(error, { reusedSocket: request.reusedSocket }));
    });
    if (body && 'stream' in body) {
      pipeline(body.stream, request, (error) => {
        if (error) request.destroy(error);
      });
    } else {
      request.end(body?.bytes);
    }
  });

/** Node's advice for keep-alive: a reused socket the server had closed fails at once; send again on a new one. */
const stale = (error: unknown) =>
  (error as { reusedSocket?: boolean }).reusedSocket === true && (error as NodeJS.ErrnoException).code === 'ECONNRESET';

/**
 * Reads the response into what fetch returns: decompressed, whole unless it is an event stream
 * (then a ReadableStream that errors with the abort reason when the signal fires mid-stream).
 */
const responseOf = async (response: http.IncomingMessage, method: string, url: URL, signal: AbortSignal | null) => {
  const status = response.statusCode ?? 0;
  const init = { status, statusText: response.statusMessage ?? '', headers: headersOf(response.rawHeaders) };
  const noBody = method === 'HEAD' || NULL_BODY_STATUS.has(status);
  const decoder = noBody ? null : decoderOf(response.headers['content-encoding']);
  // pipeline, not pipe: an error or an early end on either side (a reader cancelling the stream)
  // destroys both, so the socket is closed instead of left paused.
  const source: Readable = decoder ? pipeline(response, decoder, () => {}) : response;
  const onAbort = () => {
    source.destroy(abortReason(signal));
    response.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const done = () => signal?.removeEventListener('abort', onAbort);
  let result: Response;
  if (noBody) {
    response.resume();
    done();
    result = new Response(null, init);
  } else if (streamed(response)) {
    source.once('close', done);
    result = new Response(Readable.toWeb(source) as ReadableStream<Uint8Array>, init);
  } else {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of source) chunks.push(chunk as Buffer);
      result = new Response(Buffer.concat(chunks), init);
    } catch (error) {
      throw signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: error });
    } finally {
      done();
    }
  }
  // Response.url is read-only and empty for a constructed Response; fetch sets it, and clients log it.
  Object.defineProperty(result, 'url', { value: url.href });
  return result;
};

/**
 * A `fetch` over node:http/node:https with keep-alive agents, for the OpenAI SDK under LangChain
 * (`configuration: { fetch }`). Node's global fetch (undici) was a fifth of the CPU of an
 * evaluation with a judge (bench/eval-throughput): its web streams, request objects and abort
 * plumbing, per call. This does what those clients need of fetch: any body they send (JSON text,
 * bytes, FormData, streams), gzip/deflate/br answers decompressed, server-sent events streamed,
 * the abort signal honoured (before the call, while waiting, and mid-stream; the SDK's timeout is
 * an abort), redirects followed, and http and https. Errors look like fetch's: an abort rejects
 * with the signal's reason (an AbortError), a network failure with `TypeError('fetch failed')`.
 *
 * Each fetch made here has its own pool of sockets (made at first use), shared by every client built
 * with it: `modelFetch` is the process's one.
 */
export const createKeepAliveFetch = (options: { tls?: https.AgentOptions } = {}): Fetch => {
  let agents: { http: http.Agent; https: https.Agent } | null = null;
  const pool = () => {
    agents ??= {
      http: new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
      // `tls`: extra TLS options (a test's own CA); the system's trust store otherwise.
      https: new https.Agent({ ...options.tls, keepAlive: true, timeout: IDLE_SOCKET_MS }),
    };
    return agents;
  };
  return async (input, init = {}) => {
    const request = input instanceof Request ? input : null;
    let url = new URL(input instanceof Request ? input.url : input);
    let method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    const signal = init.signal ?? request?.signal ?? null;
    if (signal?.aborted) throw abortReason(signal);
    const headers: Record<string, string> = Object.fromEntries(new Headers(init.headers ?? request?.headers ?? undefined));
    let body = await bodyOf(init.body !== undefined ? init.body : request?.body);
    if (body && 'bytes' in body) {
      headers['content-length'] = String(body.bytes.length);
      if (body.contentType && headers['content-type'] === undefined) headers['content-type'] = body.contentType;
    }
    headers['accept-encoding'] ??= 'gzip, deflate, br';
    headers.accept ??= '*/*';
    for (let redirects = 0; ; redirects++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new TypeError(`fetch failed: unsupported URL ${url.protocol}`);
      let sent: Sent;
      try {
        sent = await send(pool(), url, method, headers, body, signal).catch((error: unknown) => {
          if (!stale(error) || (body && 'stream' in body)) throw error;
          return send(pool(), url, method, headers, body, signal);
        });
      } catch (error) {
        throw signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: error });
      }
      const { response } = sent;
      const location = response.headers.location;
      const redirect = init.redirect ?? 'follow';
      if (!REDIRECT_STATUS.has(response.statusCode ?? 0) || location === undefined || redirect === 'manual') {
        return responseOf(response, method, url, signal);
      }
      response.resume();
      if (redirect === 'error') throw new TypeError('fetch failed: redirect mode is "error"');
      if (redirects >= MAX_REDIRECTS) throw new TypeError('fetch failed: too many redirects');
      const status = response.statusCode ?? 0;
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        // As fetch does: the redirected request is a GET without the body.
        if (method !== 'HEAD') method = 'GET';
        body = null;
        for (const name of ['content-length', 'content-type', 'content-encoding', 'content-language', 'content-location']) {
          delete headers[name];
        }
      } else if (body && 'stream' in body) {
        throw new TypeError('fetch failed: cannot follow a redirect with a streamed request body');
      }
      const next = new URL(location, url);
      // Credentials stay with the origin they were given for.
      if (next.origin !== url.origin) delete headers.authorization;
      url = next;
    }
  };
};

/** The process's keep-alive fetch for model clients (judges, embeddings). */
export const modelFetch: Fetch = createKeepAliveFetch();
