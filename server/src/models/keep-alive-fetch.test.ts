import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeepAliveFetch } from './keep-alive-fetch.js';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const serve = async (handler: Handler, server: Server = createServer()) => {
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    readBody(request).then((body) => handler(request, response, body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return `${server instanceof HttpsServer ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const json = (response: ServerResponse, value: unknown, status = 200) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
};

describe('createKeepAliveFetch', () => {
  it('sends the method, headers and body and reuses one connection for calls in turn', async () => {
    const sockets = new Set<unknown>();
    const url = await serve((request, response, body) => {
      sockets.add(request.socket);
      json(response, {
        method: request.method,
        auth: request.headers.authorization,
        type: request.headers['content-type'],
        body,
      });
    });
    const fetch = createKeepAliveFetch();
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${url}/v1/chat`, {
        method: 'post',
        headers: new Headers({ authorization: 'Bearer k', 'content-type': 'application/json' }),
        body: JSON.stringify({ i }),
      });
      expect(response.status).toBe(200);
      expect(response.url).toBe(`${url}/v1/chat`);
      expect(await response.json()).toEqual({ method: 'POST', auth: 'Bearer k', type: 'application/json', body: `{"i":${i}}` });
    }
    expect(sockets.size).toBe(1);
  });

  it('encodes FormData as fetch does and keeps error statuses as answers', async () => {
    const url = await serve((request, response, body) =>
      json(response, { type: request.headers['content-type'], hasFile: body.includes('hello file') }, 400),
    );
    const form = new FormData();
    form.append('file', new Blob(['hello file']), 'a.txt');
    const response = await createKeepAliveFetch()(url, { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(response.ok).toBe(false);
    const answer = (await response.json()) as { type: string; hasFile: boolean };
    expect(answer.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(answer.hasFile).toBe(true);
  });

  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['deflate', zlib.deflateRawSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('decompresses %s answers', async (encoding, compress) => {
    const url = await serve((request, response) => {
      expect(request.headers['accept-encoding']).toContain(encoding);
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      response.end(compress(Buffer.from(JSON.stringify({ text: 'x'.repeat(10_000) }))));
    });
    const response = await createKeepAliveFetch()(url);
    expect(((await response.json()) as { text: string }).text).toHaveLength(10_000);
  });

  it('streams server-sent events as they arrive, decompressed', async () => {
    let sendSecond: () => void = () => {};
    const url = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' });
      const gzip = zlib.createGzip();
      gzip.pipe(response);
      gzip.write('data: one\n\n');
      gzip.flush();
      sendSecond = () => {
        gzip.end('data: two\n\n');
      };
    });
    const response = await createKeepAliveFetch()(url);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    // The first event is readable before the server has sent the second.
    expect(decoder.decode((await reader.read()).value)).toBe('data: one\n\n');
    sendSecond();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value);
    expect(rest).toBe('data: two\n\n');
  });

  it('rejects with the abort reason before the call, while waiting for an answer, and mid-stream', async () => {
    const url = await serve((request, response) => {
      if (request.url === '/hang') return;
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
    });
    const fetch = createKeepAliveFetch();
    const aborted = new AbortController();
    aborted.abort();
    await expect(fetch(`${url}/hang`, { signal: aborted.signal })).rejects.toMatchObject({ name: 'AbortError' });
    // The OpenAI SDK's timeout is an abort of its own controller, like this one.
    await expect(fetch(`${url}/hang`, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({ name: 'TimeoutError' });
    const midStream = new AbortController();
    const response = await fetch(`${url}/stream`, { signal: midStream.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    midStream.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails like fetch when nothing listens, and follows redirects (POST to GET on 303)', async () => {
    const closed = await serve(() => {});
    servers[0]?.close();
    servers[0]?.closeAllConnections();
    servers.splice(0);
    await expect(createKeepAliveFetch()(closed)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    const url = await serve((request, response) => {
      if (request.url === '/old') {
        response.writeHead(303, { location: '/new' });
        response.end();
        return;
      }
      json(response, { method: request.method, path: request.url });
    });
    const response = await createKeepAliveFetch()(`${url}/old`, { method: 'POST', body: '{}' });
    expect(await response.json()).toEqual({ method: 'GET', path: '/new' });
  });

  it('sends again on a fresh socket when the server closed the kept-alive one', async () => {
    const url = await serve((_request, response) => json(response, { ok: true }));
    const fetch = createKeepAliveFetch();
    await (await fetch(url)).json();
    // Drop the idle connection server-side, as a server's keep-alive timeout does.
    servers[0]?.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await (await fetch(url, { method: 'POST', body: 'again' })).json()).toEqual({ ok: true });
  });

  it('speaks https', async () => {
    const dir = join(import.meta.dirname, '../../../test/fixtures/tls');
    const [cert, key] = await Promise.all([readFile(join(dir, 'cert.pem')), readFile(join(dir, 'key.pem'))]);
    const url = await serve(
      (request, response) => json(response, { secure: 'encrypted' in request.socket }),
      createHttpsServer({ cert, key }),
    );
    const response = await createKeepAliveFetch({ tls: { ca: cert } })(url);
    expect(await response.json()).toEqual({ secure: true });
  });
});
