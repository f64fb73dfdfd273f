import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError } from '../errors/app-error.js';
import { requestContext } from '../observability/request-context.js';
import { createErrorMasker } from './format-error.js';

const logged: unknown[] = [];
const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(JSON.parse(line)) });
const mask = createErrorMasker(logger, false);

describe('error masking', () => {
  it('passes coded application errors through with their code', () => {
    const error = mask(new GraphQLError('wrapped', { originalError: new ConflictError('duplicate') })) as GraphQLError;
    expect(error.message).toBe('duplicate');
    expect(error.extensions).toEqual({ code: 'CONFLICT' });
  });

  it('includes field issues of invalid input', () => {
    const error = mask(new InvalidInputError([{ path: 'name', message: 'must not be empty' }])) as GraphQLError;
    expect(error.extensions).toEqual({ code: 'INVALID_INPUT', issues: [{ path: 'name', message: 'must not be empty' }] });
  });

  it('masks anything else, logs it, and quotes the request id', () => {
    const error = requestContext.run({ requestId: 'req-42' }, () =>
      mask(new GraphQLError('boom', { originalError: new Error('password=hunter2 leaked') })),
    ) as GraphQLError;
    expect(error.message).toBe('Internal server error (request id req-42)');
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' });
    expect(JSON.stringify(error)).not.toContain('hunter2');
    expect(logged).toContainEqual(expect.objectContaining({ requestId: 'req-42', msg: 'unexpected error' }));
  });

  it('leaves GraphQL syntax and validation errors alone', () => {
    const syntax = new GraphQLError('Syntax Error: Expected Name');
    expect(mask(syntax)).toBe(syntax);
  });
});
