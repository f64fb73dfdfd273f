import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { Meilisearch, MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeilisearchHttpClient, meilisearchApiErrorOf, meilisearchErrorCode } from './meilisearch-http-client.js';

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

// Answers as Meilisearch does: JSON bodies, errors as { message, code, type, link }.
const seen: { method?: string; url?: string; authorization?: string; body: string }[] = [];
let server: Server;
let host: string;

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = await readBody(request);
    seen.push({ method: request.method, url: request.url, authorization: request.headers.authorization, body });
    const send = (status: number, payload?: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    if (request.url === '/indexes/docs/search')
      return send(200, { hits: [{ id: 1 }], query: JSON.parse(body).q, processingTimeMs: 1 });
    if (request.url === '/indexes/missing') {
      return send(404, { message: 'Index `missing` not found.', code: 'index_not_found', type: 'invalid_request', link: '' });
    }
    if (request.url === '/slow') return setTimeout(() => send(200, {}), 2_000);
    return send(204);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createMeilisearchHttpClient', () => {
  it('sends the client’s method, headers and JSON body and returns the parsed answer', async () => {
    const client = new Meilisearch({ host, apiKey: 'secret', httpClient: createMeilisearchHttpClient() });
    const result = await client.index('docs').search('refund', { limit: 5 });
    expect(result.hits).toEqual([{ id: 1 }]);
    expect(result.query).toBe('refund');
    const request = seen.at(-1);
    expect(request).toMatchObject({ method: 'POST', url: '/indexes/docs/search', authorization: 'Bearer secret' });
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({ q: 'refund', limit: 5 });
  });

  it('turns an error answer into Meilisearch’s error with its code and message', async () => {
    const client = new Meilisearch({ host, httpClient: createMeilisearchHttpClient() });
    const error = await client
      .index('missing')
      .getRawInfo()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MeilisearchRequestError);
    expect(meilisearchErrorCode(error)).toBe('index_not_found');
    expect(meilisearchApiErrorOf(error)?.message).toBe('Index `missing` not found.');
    expect(meilisearchApiErrorOf(error)?.response.status).toBe(404);
  });

  it('reports the client’s timeout as a timeout', async () => {
    const client = new Meilisearch({ host, timeout: 100, httpClient: createMeilisearchHttpClient() });
    const error = await client.httpRequest.get({ path: 'slow' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MeilisearchRequestError);
    expect((error as MeilisearchRequestError).cause).toBeInstanceOf(MeilisearchRequestTimeOutError);
  });

  it('answers nothing for an empty body and keeps connections alive between requests', async () => {
    const client = new Meilisearch({ host, httpClient: createMeilisearchHttpClient() });
    const sockets = new Set<unknown>();
    const onConnection = (socket: unknown) => sockets.add(socket);
    server.on('connection', onConnection);
    try {
      for (let i = 0; i < 3; i++) expect(await client.httpRequest.get({ path: 'empty' })).toBeUndefined();
    } finally {
      server.off('connection', onConnection);
    }
    expect(sockets.size).toBe(1);
  });

  it('finds the code also on errors of a client on fetch (unwrapped), and none on other errors', async () => {
    const error = await new Meilisearch({ host })
      .index('missing')
      .getRawInfo()
      .catch((caught: unknown) => caught);
    expect(meilisearchErrorCode(error)).toBe('index_not_found');
    expect(meilisearchErrorCode(new Error('plain'))).toBeUndefined();
  });

  it('sends a request again on a new connection when the kept-alive one was closed as it was reused', async () => {
    // A server that answers the first request of each connection and hangs up on the next, as
    // Meilisearch does to a connection idle for 5 s when a request races its close.
    const sockets: Socket[] = [];
    const answered: number[] = [];
    const flaky = createTcpServer((socket: Socket) => {
      const connection = sockets.push(socket);
      let requests = 0;
      socket.on('data', (chunk) => {
        requests += chunk.toString('latin1').split('\r\n\r\n').length - 1;
        if (requests > 1) return socket.destroy();
        answered.push(connection);
        const body = '{"status":"available"}';
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
      });
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    try {
      const client = new Meilisearch({
        host: `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`,
        httpClient: createMeilisearchHttpClient(),
      });
      for (let i = 0; i < 3; i++) expect(await client.health()).toEqual({ status: 'available' });
      // Each request after the first was reset on its reused connection and answered on a new one.
      expect(answered).toEqual([1, 2, 3]);
      expect(sockets).toHaveLength(3);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => flaky.close(resolve));
    }
  });

  it('gives up on a connection refused at once, without retrying', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = new Meilisearch({ host: `http://127.0.0.1:${port}`, httpClient: createMeilisearchHttpClient() });
    const error = await client.health().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MeilisearchRequestError);
    expect(((error as MeilisearchRequestError).cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });
});
