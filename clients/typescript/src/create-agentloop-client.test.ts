import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAgentLoopClient } from './create-agentloop-client.js';
import { CreateProjectDocument, ViewerDocument } from './generated/graphql.js';
import { AgentLoopRequestError } from './request-error.js';

type Received = { method: string | undefined; url: string | undefined; headers: IncomingHttpHeaders; body: unknown };
type Reply = { status: number; body: string; headers?: Record<string, string> };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/graphql-response+json; charset=utf-8', ...headers },
});

// A real HTTP server rather than a fetch stub, so headers and bodies go through an actual socket.
describe('createAgentLoopClient', () => {
  let server: Server;
  let url: string;
  let received: Received[];
  let reply: Reply;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: JSON.parse(Buffer.concat(chunks).toString()),
        });
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received = [];
  });

  it('POSTs the printed document with its operation name, variables and the key as a bearer token', async () => {
    reply = json(200, { data: { createProject: { __typename: 'ProjectPayload', project: { id: 'UHJvamVjdDox', name: 'a' } } } });
    const client = createAgentLoopClient({ url, apiKey: 'al_secret' });

    const result = await client.request(CreateProjectDocument, { input: { name: 'a' } });

    expect(result.createProject.__typename).toBe('ProjectPayload');
    expect(received).toHaveLength(1);
    const [request] = received;
    if (!request) throw new Error('the server saw no request');
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/graphql');
    expect(request.headers.authorization).toBe('Bearer al_secret');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toContain('application/graphql-response+json');
    expect(request.body).toMatchObject({ operationName: 'CreateProject', variables: { input: { name: 'a' } } });
    expect((request.body as { query: string }).query).toMatch(/^mutation CreateProject\(\$input: CreateProjectInput!\)/);
  });

  it('lets operations without required variables omit them', async () => {
    reply = json(200, { data: { viewer: { role: 'admin' } } });
    const client = createAgentLoopClient({ url, apiKey: 'al_secret' });

    await client.request(ViewerDocument);

    expect(received[0]?.body).toMatchObject({ operationName: 'Viewer', variables: {} });
  });

  it('turns GraphQL errors into an AgentLoopRequestError with status, codes and request id', async () => {
    reply = json(
      401,
      { errors: [{ message: 'Invalid or revoked API key', extensions: { code: 'UNAUTHENTICATED' } }] },
      { 'x-request-id': 'req-123' },
    );
    const client = createAgentLoopClient({ url, apiKey: 'al_wrong' });

    const error = await client.request(ViewerDocument).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AgentLoopRequestError);
    const requestError = error as AgentLoopRequestError;
    expect(requestError.status).toBe(401);
    expect(requestError.code).toBe('UNAUTHENTICATED');
    expect(requestError.message).toBe('Invalid or revoked API key');
    expect(requestError.requestId).toBe('req-123');
    expect(requestError.errors).toEqual([{ message: 'Invalid or revoked API key', extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('keeps partial data and every error when a 200 response carries errors', async () => {
    reply = json(200, {
      data: { viewer: null },
      errors: [
        { message: 'Internal server error (request id x)', path: ['viewer'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        { message: 'second' },
      ],
    });
    const client = createAgentLoopClient({ url, apiKey: 'al_secret' });

    const error = (await client.request(ViewerDocument).catch((e: unknown) => e)) as AgentLoopRequestError;

    expect(error.status).toBe(200);
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.errors.map((e) => e.path)).toEqual([['viewer'], undefined]);
    expect(error.data).toEqual({ viewer: null });
  });

  it('reports a response that is not GraphQL as BAD_RESPONSE with its status', async () => {
    reply = { status: 502, body: '<html>Bad gateway</html>', headers: { 'content-type': 'text/html' } };
    const client = createAgentLoopClient({ url, apiKey: 'al_secret' });

    const error = (await client.request(ViewerDocument).catch((e: unknown) => e)) as AgentLoopRequestError;

    expect(error).toBeInstanceOf(AgentLoopRequestError);
    expect(error.status).toBe(502);
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.errors).toEqual([]);
  });

  it('reports an unreachable server as NETWORK_ERROR with status 0 and the cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = createAgentLoopClient({ url: `http://127.0.0.1:${port}/graphql`, apiKey: 'al_secret' });

    const error = (await client.request(ViewerDocument).catch((e: unknown) => e)) as AgentLoopRequestError;

    expect(error).toBeInstanceOf(AgentLoopRequestError);
    expect(error.status).toBe(0);
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('uses the fetch it is given', async () => {
    reply = json(200, { data: { viewer: { role: 'viewer' } } });
    const seen: string[] = [];
    const client = createAgentLoopClient({
      url,
      apiKey: 'al_secret',
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });

    const result = await client.request(ViewerDocument);

    expect(result.viewer.role).toBe('viewer');
    expect(seen).toEqual([url]);
  });

  it('types variables from the document', () => {
    const client = createAgentLoopClient({ url, apiKey: 'al_secret' });
    // Never called: tsc checks these lines, which is the point of the test.
    const typeChecks = () => [
      // @ts-expect-error CreateProject requires its input.
      client.request(CreateProjectDocument),
      // @ts-expect-error name must be a string.
      client.request(CreateProjectDocument, { input: { name: 1 } }),
      // @ts-expect-error Viewer takes no variables.
      client.request(ViewerDocument, { unknown: true }),
    ];
    expect(typeof typeChecks).toBe('function');
  });
});
