import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal.js';
import { authenticateIngest } from './authenticate-ingest.js';
import { type OtlpEncoding, otlpEncodingOf } from './otlp-encoding.js';
import type { OtlpReceiverDeps } from './otlp-receiver-deps.js';
import { OtlpRequestError } from './otlp-request-error.js';
import { sendOtlpError } from './otlp-response.js';
import { readBody } from './read-body.js';

export type AcceptedOtlpRequest = { principal: Principal; encoding: OtlpEncoding; body: Buffer };

/**
 * What every OTLP/HTTP endpoint checks first, cheapest first: method, content type, API key, then
 * the body, read within the size limit. Nothing is read before the caller is known.
 */
export const acceptOtlpRequest = async (
  deps: Pick<OtlpReceiverDeps, 'sql' | 'limits'>,
  req: IncomingMessage,
  signal: string,
): Promise<AcceptedOtlpRequest> => {
  if (req.method !== 'POST') throw new OtlpRequestError(405, `Use POST to export ${signal}`);
  const encoding = otlpEncodingOf(req.headers['content-type']);
  if (!encoding) {
    throw new OtlpRequestError(
      415,
      `Unsupported Content-Type "${req.headers['content-type'] ?? ''}": send application/x-protobuf or application/json`,
    );
  }
  const principal = await authenticateIngest(deps.sql, req);
  const body = await readBody(req, deps.limits.maxBodyBytes);
  return { principal, encoding, body };
};

/**
 * A value PostgreSQL refused (SQLSTATE class 22, data exception, or 54000, an index row too
 * large): sending the same batch again cannot succeed. Validation keeps every such value known
 * today out; this is the net for one it does not know yet.
 */
const refusedData = (error: unknown): string | null => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !(code.startsWith('22') || code === '54000')) return null;
  return typeof message === 'string' ? message : code;
};

/**
 * Turns a receiver into a request handler: refused requests get their status and message;
 * data the database refuses is answered 400 (a retry would fail the same way); anything else
 * unexpected is logged and answered 503, which OTLP exporters retry (nothing was committed, so a
 * retry is safe).
 */
export const otlpHandler =
  (
    deps: Pick<OtlpReceiverDeps, 'logger'>,
    signal: string,
    handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  ) =>
  async (req: IncomingMessage, res: ServerResponse) => {
    try {
      await handle(req, res);
    } catch (error) {
      if (error instanceof OtlpRequestError) {
        // Unread body bytes would otherwise sit in the socket of a keep-alive connection.
        if (!req.readableEnded) req.resume();
        return sendOtlpError(res, error.status, error.message);
      }
      const refused = refusedData(error);
      if (refused !== null) {
        deps.logger.warn({ err: error }, `OTLP ${signal} export refused by the database`);
        if (!res.headersSent) {
          sendOtlpError(res, 400, `The database refused a value in this batch (${refused}); nothing of it was stored`);
        }
        return;
      }
      deps.logger.error({ err: error }, `OTLP ${signal} export failed`);
      if (!res.headersSent) sendOtlpError(res, 503, `The server could not store the ${signal}; retry later`);
    }
  };
