import type { AgentLoopGraphQLError } from './request-error.js';

/** The parts of a GraphQL-over-HTTP response body the client relies on. */
export type GraphQLResponseBody = {
  data?: Record<string, unknown> | null;
  errors?: AgentLoopGraphQLError[];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const toGraphQLError = (value: unknown): AgentLoopGraphQLError => {
  if (!isRecord(value)) return { message: String(value) };
  const error: AgentLoopGraphQLError = { message: typeof value.message === 'string' ? value.message : 'Unknown error' };
  if (Array.isArray(value.path)) error.path = value.path as (string | number)[];
  if (Array.isArray(value.locations)) error.locations = value.locations as { line: number; column: number }[];
  if (isRecord(value.extensions)) {
    const { code, ...rest } = value.extensions;
    error.extensions = typeof code === 'string' ? { code, ...rest } : rest;
  }
  return error;
};

/**
 * Checks that a parsed body is a GraphQL response before anyone trusts its shape: proxies and
 * load balancers answer with HTML or JSON of their own. Returns null for anything else.
 */
export const parseGraphQLResponse = (body: unknown): GraphQLResponseBody | null => {
  if (!isRecord(body) || !('data' in body || 'errors' in body)) return null;
  const data = body.data;
  if (data !== undefined && data !== null && !isRecord(data)) return null;
  if (body.errors !== undefined && !Array.isArray(body.errors)) return null;
  return {
    data: data as Record<string, unknown> | null | undefined,
    errors: body.errors === undefined ? undefined : body.errors.map(toGraphQLError),
  };
};
