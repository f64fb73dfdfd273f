import {
  type AppError,
  type AppErrorCode,
  ConflictError,
  type FieldIssue,
  InvalidInputError,
  NotFoundError,
  UnavailableError,
} from '../../errors/app-error.js';
import { builder } from '../builder.js';

const ErrorCode = builder.enumType('ErrorCode', {
  values: [
    'NOT_FOUND',
    'FORBIDDEN',
    'UNAUTHENTICATED',
    'INVALID_INPUT',
    'CONFLICT',
    'UNAVAILABLE',
  ] as const satisfies readonly AppErrorCode[],
});

/** Every expected failure a mutation can return; query with `... on Error { code message }`. */
export const ErrorInterface = builder.interfaceRef<AppError>('Error').implement({
  fields: (t) => ({
    code: t.field({ type: ErrorCode, resolve: (error) => error.code }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object does not exist, or it belongs to a project this key cannot see.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The change contradicts the current state, e.g. a duplicate name.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ConflictError,
});

export const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Dot path of the offending input field; empty for the input as a whole.' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  description: 'The input broke a rule; `issues` says which field and why.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidInputError,
  fields: (t) => ({ issues: t.field({ type: [FieldIssueRef], resolve: (error) => error.issues }) }),
});

builder.objectType(UnavailableError, {
  name: 'UnavailableError',
  description:
    'Something the request needs is not configured or not reachable right now (the search engine, an embedding model); ' +
    'the message says what to configure or that it is temporary.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof UnavailableError,
});

/** The error types every mutation returns as data rather than as a top-level error. */
export const mutationErrors = [InvalidInputError, NotFoundError, ConflictError];
