import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { z } from 'zod';
import { authenticate } from '../../auth/authenticate.js';
import { actorOf, type Principal } from '../../auth/principal.js';
import { type Role, roleAtLeast } from '../../auth/roles.js';
import type { Database } from '../../db/database.js';
import type { SqlClient } from '../../db/sql-client.js';
import { AppError, InvalidInputError } from '../../errors/app-error.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { decodeGlobalId, encodeGlobalId } from '../../graphql/global-id.js';
import { currentRequestId } from '../../observability/request-context.js';
import type { AppPubSub } from '../../pubsub/create-pubsub.js';
import { runDatasetImport } from '../imports/run-dataset-import.js';
import { exportableDataset, exportableSnapshot, exportRecords, exportSnapshotRecords } from './export-records.js';

export type DatasetTransferDeps = {
  prisma: PrismaClient;
  sql: SqlClient;
  pubsub: AppPubSub | null;
  logger: Logger;
  databaseKind: Database['kind'];
};

/** The paths this handler serves: `/v1/datasets/<id>/import` and `/v1/datasets/<id>/export`. */
export const DATASET_TRANSFER_PATH = /^\/v1\/datasets\/([^/]+)\/(import|export)$/;

const STATUS: Record<AppError['code'], number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  UNAVAILABLE: 503,
};

const sendJson = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

const importQuery = z.object({
  format: z.enum(['jsonl', 'csv'], { error: 'must be jsonl or csv' }),
  onError: z.enum(['continue', 'stop'], { error: 'must be continue or stop' }).default('continue'),
});
const exportQuery = z.object({
  format: z.enum(['jsonl', 'csv'], { error: 'must be jsonl or csv' }).default('jsonl'),
  includeId: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  snapshot: z.string().trim().min(1, 'must name a snapshot (its ID or name)').max(400, 'is too long').optional(),
});

const parseQuery = <S extends z.ZodType>(schema: S, url: URL): z.output<S> => {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    throw new InvalidInputError(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  }
  return parsed.data;
};

/** A Relay ID of a Dataset (what GraphQL returns) or its raw uuid. */
const datasetIdOf = (value: string): string => {
  if (/^[0-9a-f-]{36}$/i.test(value)) return value;
  const { typename, id } = decodeGlobalId(value);
  if (typename !== 'Dataset') throw new InvalidInputError([{ path: 'id', message: `is a ${typename} ID, not a Dataset ID` }]);
  return id;
};

const authorize = async (sql: SqlClient, req: IncomingMessage, needed: Role): Promise<Principal> => {
  const principal = await authenticate(sql, req.headers.authorization);
  if (!roleAtLeast(principal.role, needed)) {
    throw new AppError('FORBIDDEN', `API key role ${principal.role} may not do this; it needs role ${needed} or stronger`);
  }
  return principal;
};

/**
 * File transfer for datasets over plain HTTP, because files do not belong in GraphQL:
 * - `POST /v1/datasets/<id>/import?format=jsonl|csv&onError=continue|stop` streams the body into the
 *   dataset (role member+), recorded as a DatasetImport (status, counters, progress events), and
 *   answers with its id, status and the per-row report.
 * - `GET /v1/datasets/<id>/export?format=jsonl|csv&includeId=false[&snapshot=<id or name>]` streams the
 *   records (viewer+): the current ones, or a snapshot's exact frozen versions.
 * Errors are JSON `{ error, code, issues? }` with the status their code implies.
 */
export const createDatasetTransferHandler =
  (deps: DatasetTransferDeps) =>
  async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, rawId, action] = DATASET_TRANSFER_PATH.exec(url.pathname) ?? [];
    try {
      if (!rawId || !action) return sendJson(res, 404, { error: `Not found: ${url.pathname}`, code: 'NOT_FOUND' });
      const method = action === 'import' ? 'POST' : 'GET';
      if (req.method !== method) {
        res.setHeader('allow', method);
        return sendJson(res, 405, { error: `Use ${method} for ${action}`, code: 'INVALID_INPUT' });
      }
      const principal = await authorize(deps.sql, req, action === 'import' ? 'member' : 'viewer');
      const datasetId = datasetIdOf(decodeURIComponent(rawId));
      if (action === 'import') {
        const query = parseQuery(importQuery, url);
        const outcome = await runDatasetImport(
          {
            ...deps,
            concurrentSessions: deps.databaseKind === 'postgres',
            onHeartbeatError: (error) => deps.logger.warn({ err: error }, 'dataset import heartbeat failed'),
          },
          principal,
          actorOf(principal, currentRequestId() ?? null),
          {
            datasetId,
            body: req,
            format: query.format,
            onError: query.onError,
            cancelled: () => req.destroyed && !req.complete,
          },
        );
        return sendJson(res, 200, {
          importId: encodeGlobalId('DatasetImport', outcome.importId),
          status: outcome.status,
          reason: outcome.reason,
          ...outcome.report,
        });
      }
      const query = parseQuery(exportQuery, url);
      const options = { format: query.format, includeId: query.includeId === 'true' };
      const source = query.snapshot
        ? await exportableSnapshot(deps.sql, principal, datasetId, query.snapshot).then((snapshot) => ({
            file: `dataset-${datasetId}-snapshot-${snapshot.id}`,
            chunks: exportSnapshotRecords(deps.sql, snapshot, options),
          }))
        : await exportableDataset(deps.sql, principal, datasetId).then((dataset) => ({
            file: `dataset-${dataset.id}`,
            chunks: exportRecords(deps.sql, dataset, options),
          }));
      res.writeHead(200, {
        'content-type': query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="${source.file}.${query.format}"`,
      });
      await pipeline(Readable.from(source.chunks), res);
    } catch (error) {
      if (res.headersSent) {
        // Mid-stream: the status is gone; cutting the connection tells the client the file is incomplete.
        deps.logger.error({ err: error }, 'dataset export failed mid-stream');
        res.destroy(error as Error);
        return;
      }
      // Unread body bytes would otherwise be parsed as the next request on this connection.
      res.setHeader('connection', 'close');
      if (error instanceof AppError) {
        return sendJson(res, STATUS[error.code], {
          error: error.message,
          code: error.code,
          ...(error instanceof InvalidInputError ? { issues: error.issues } : {}),
        });
      }
      deps.logger.error({ err: error }, 'dataset transfer failed');
      return sendJson(res, 500, { error: 'Internal error', code: 'INTERNAL' });
    }
  };
