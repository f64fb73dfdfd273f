import type { ErrorCode } from './generated/schema-types.js';

/** One entry of a GraphQL response's `errors`, as the AgentLoop server sends it. */
export type AgentLoopGraphQLError = {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  /** `code` says what went wrong; INVALID_INPUT errors also carry `issues`. */
  extensions?: { code?: string; [key: string]: unknown };
};

/**
 * Why a request failed. The schema's own codes (UNAUTHENTICATED, FORBIDDEN, …), the ones the
 * server and GraphQL layer add, and two the client sets itself: NETWORK_ERROR when the server
 * could not be reached and BAD_RESPONSE when it answered with something other than GraphQL.
 * Any other string is a code this client version does not know yet.
 */
export type AgentLoopRequestErrorCode =
  | ErrorCode
  | 'INTERNAL_SERVER_ERROR'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'BAD_USER_INPUT'
  | 'NETWORK_ERROR'
  | 'BAD_RESPONSE'
  // Keeps editor completion for the known codes while admitting new ones.
  | (string & Record<never, never>);

export type AgentLoopRequestErrorDetails = {
  /** The HTTP status; 0 when no response arrived. */
  status: number;
  errors?: readonly AgentLoopGraphQLError[];
  /** Whatever partial data came with the errors. */
  data?: unknown;
  /** The server's x-request-id, to quote when asking an operator to look at the logs. */
  requestId?: string;
  code?: AgentLoopRequestErrorCode;
  cause?: unknown;
};

/**
 * Thrown by `request()` for everything that is not a result: transport failures, HTTP errors and
 * top-level GraphQL errors. Expected domain failures (a duplicate name, an unknown id) are not
 * thrown: they come back as the mutation's `InvalidInputError | NotFoundError | ConflictError`.
 */
export class AgentLoopRequestError extends Error {
  readonly status: number;
  readonly errors: readonly AgentLoopGraphQLError[];
  readonly data: unknown;
  readonly requestId: string | undefined;
  /** The explicit code, else the first GraphQL error's `extensions.code`, else BAD_RESPONSE. */
  readonly code: AgentLoopRequestErrorCode;

  constructor(message: string, details: AgentLoopRequestErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AgentLoopRequestError';
    this.status = details.status;
    this.errors = details.errors ?? [];
    this.data = details.data;
    this.requestId = details.requestId;
    this.code = details.code ?? this.errors.find((e) => e.extensions?.code)?.extensions?.code ?? 'BAD_RESPONSE';
  }
}
