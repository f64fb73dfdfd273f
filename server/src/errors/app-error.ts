/** The codes a client can branch on. Anything else is an internal error and is masked. */
export type AppErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'INVALID_INPUT' | 'CONFLICT' | 'UNAVAILABLE';

export type FieldIssue = { path: string; message: string };

/**
 * The one error base of the server. Domain services throw these; the GraphQL layer turns
 * the ones a client must handle into typed results and the rest into coded errors.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;

  constructor(code: AppErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} ${id} was not found`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFLICT', message, options);
    this.name = 'ConflictError';
  }
}

export class InvalidInputError extends AppError {
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[]) {
    super('INVALID_INPUT', `Invalid input: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`);
    this.name = 'InvalidInputError';
    this.issues = issues;
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('FORBIDDEN', message);
    this.name = 'ForbiddenError';
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
    this.name = 'UnauthenticatedError';
  }
}

/**
 * Something the request needs is not configured or not reachable right now (the search engine,
 * an embedding model); the message says what to configure or that it is temporary.
 */
export class UnavailableError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNAVAILABLE', message, options);
    this.name = 'UnavailableError';
  }
}
