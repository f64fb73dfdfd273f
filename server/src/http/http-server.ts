import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics.js';
import { requestContext, requestIdFrom } from '../observability/request-context.js';
import type { YogaServer } from './create-yoga.js';
import type { Readiness } from './readiness.js';

const sendJson = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

const KNOWN_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics', '/v1/traces', '/v1/logs']);

// Probes hit these every few seconds; their access lines would drown the rest at info level.
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/** The one HTTP entry point: GraphQL (and its WebSocket upgrade), OTLP, health, readiness and metrics on one port. */
export const createHttpServer = (deps: {
  yoga: YogaServer;
  metrics: Metrics;
  readiness: () => Promise<Readiness>;
  logger: Logger;
  /** OTLP/HTTP receivers (`/v1/traces`, `/v1/logs`). */
  otlp: {
    traces: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    logs: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  };
  /** Dataset file import/export (`/v1/datasets/<id>/import|export`). */
  datasetTransfer?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}) => {
  let inFlight = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = KNOWN_ROUTES.has(path) ? path : path.startsWith('/v1/datasets/') ? '/v1/datasets' : 'other';
    const started = performance.now();
    inFlight++;
    res.on('close', () => {
      inFlight--;
      const method = req.method ?? 'unknown';
      deps.metrics.httpRequests.inc({ route, method, status: String(res.statusCode) });
      const line = { requestId, method, path, status: res.statusCode, ms: Math.round(performance.now() - started) };
      if (QUIET_ROUTES.has(route)) deps.logger.debug(line, 'request');
      else deps.logger.info(line, 'request');
    });
    requestContext.run({ requestId }, () => {
      switch (route) {
        case '/healthz':
          return sendJson(res, 200, { status: 'ok' });
        case '/readyz':
          return void deps.readiness().then((r) => sendJson(res, r.ready ? 200 : 503, r));
        case '/metrics':
          return void deps.metrics.registry.metrics().then((text) => {
            res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
            res.end(text);
          });
        case '/graphql':
          // A client that does not care what it accepts (curl, fetch) gets the GraphQL-over-HTTP
          // media type, whose status codes mean something: malformed queries are a 400, not a 200.
          if (!req.headers.accept || req.headers.accept === '*/*') {
            req.headers.accept = 'application/graphql-response+json, application/json;q=0.9';
          }
          return void deps.yoga(req, res, { requestId });
        case '/v1/traces':
          return void deps.otlp.traces(req, res);
        case '/v1/logs':
          return void deps.otlp.logs(req, res);
        case '/v1/datasets':
          if (deps.datasetTransfer) return void deps.datasetTransfer(req, res);
          return sendJson(res, 404, { error: `Not found: ${path}` });
        default:
          return sendJson(res, 404, { error: `Not found: ${path}. GraphQL is served at /graphql.` });
      }
    });
  });
  return { server, inFlight: () => inFlight };
};
