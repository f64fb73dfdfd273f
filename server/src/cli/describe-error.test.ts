import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors/app-error.js';
import { describeError } from './describe-error.js';
import { UsageError } from './usage-error.js';

describe('describeError', () => {
  it('exits 2 for usage errors and points at the right help', () => {
    expect(describeError(new UsageError('missing required option --name', ['project', 'create']))).toEqual({
      message: 'missing required option --name (see "agentloop project create --help")',
      exitCode: 2,
    });
    expect(describeError(new UsageError('unknown command "x"'))).toEqual({
      message: 'unknown command "x" (see "agentloop help")',
      exitCode: 2,
    });
  });

  it('exits 2 for invalid input the domain caught, 1 for other domain errors', () => {
    expect(describeError(new InvalidInputError([{ path: 'name', message: 'must not be empty' }]))).toEqual({
      message: 'Invalid input: name: must not be empty',
      exitCode: 2,
    });
    expect(describeError(new NotFoundError('Project', 'abc'))).toEqual({ message: 'Project abc was not found', exitCode: 1 });
    expect(describeError(new ConflictError('taken')).exitCode).toBe(1);
  });

  it('puts every configuration issue on one line', () => {
    const error = new ConfigError([
      { variable: 'PORT', message: 'expected a port number' },
      { variable: 'DATABASE_URL', message: 'expected a postgresql:// connection string' },
    ]);
    expect(describeError(error)).toEqual({
      message: 'invalid configuration: PORT: expected a port number; DATABASE_URL: expected a postgresql:// connection string',
      exitCode: 1,
    });
  });

  it('flattens multi-line messages and empty AggregateErrors', () => {
    expect(describeError(new Error('Invalid invocation:\n\n  table missing\n')).message).toBe(
      'Invalid invocation: table missing',
    );
    const refused = new AggregateError([
      new Error('connect ECONNREFUSED ::1:5432'),
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
    ]);
    expect(describeError(refused)).toEqual({
      message: 'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
      exitCode: 1,
    });
  });
});
