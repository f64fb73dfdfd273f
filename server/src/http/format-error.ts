import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { AppError, InvalidInputError } from '../errors/app-error.js';
import { currentRequestId } from '../observability/request-context.js';

// By name, not instanceof: graphql 16 ships CJS and ESM builds, and a bundler or test runner may
// hand different modules different copies (yoga does the same check).
const asGraphQLError = (error: unknown): GraphQLError | null =>
  error instanceof Error && error.name === 'GraphQLError' ? (error as GraphQLError) : null;

const findAppError = (error: unknown): AppError | null => {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof AppError) return current;
    current = asGraphQLError(current)?.originalError ?? (current instanceof Error ? current.cause : null);
  }
  return null;
};

/**
 * Only errors a client can act on reach it: coded AppErrors and GraphQL's own syntax/validation
 * errors. Anything else is logged with the request id and replaced by a masked message quoting it.
 */
export const createErrorMasker = (logger: Logger, development: boolean) => (error: unknown) => {
  const appError = findAppError(error);
  const graphQLError = asGraphQLError(error);
  if (appError) {
    return new GraphQLError(appError.message, {
      nodes: graphQLError?.nodes,
      path: graphQLError?.path,
      extensions: {
        code: appError.code,
        ...(appError instanceof InvalidInputError ? { issues: appError.issues } : {}),
        ...(appError.code === 'UNAUTHENTICATED' ? { http: { status: 401 } } : {}),
      },
    });
  }
  if (graphQLError && !graphQLError.originalError) return graphQLError;
  const requestId = currentRequestId();
  logger.error({ err: graphQLError?.originalError ?? error, requestId, path: graphQLError?.path }, 'unexpected error');
  return new GraphQLError(`Internal server error (request id ${requestId ?? 'unknown'})`, {
    nodes: graphQLError?.nodes,
    path: graphQLError?.path,
    extensions: {
      code: 'INTERNAL_SERVER_ERROR',
      requestId,
      ...(development && error instanceof Error ? { stack: (graphQLError?.originalError ?? error).stack } : {}),
    },
  });
};
