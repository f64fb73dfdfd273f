import type { IncomingMessage } from 'node:http';
import { authenticate } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { roleAtLeast } from '../auth/roles.js';
import type { SqlClient } from '../db/sql-client.js';
import { AppError } from '../errors/app-error.js';
import { OtlpRequestError } from './otlp-request-error.js';

/** The OTLP endpoints take the same API keys as GraphQL; any role from `ingest` up may write. */
export const authenticateIngest = async (sql: SqlClient, req: IncomingMessage): Promise<Principal> => {
  let principal: Principal;
  try {
    principal = await authenticate(sql, req.headers.authorization);
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHENTICATED') throw new OtlpRequestError(401, error.message);
    throw error;
  }
  if (!roleAtLeast(principal.role, 'ingest')) {
    throw new OtlpRequestError(401, `API key role ${principal.role} may not ingest; use a key with role ingest or stronger`);
  }
  return principal;
};
