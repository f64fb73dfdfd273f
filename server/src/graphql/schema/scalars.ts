import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder.js';

const parseDate = (value: unknown) => {
  const date = typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value as string)) {
    throw new GraphQLError('DateTime must be an ISO-8601 string with a time and zone, e.g. 2026-11-21T14:00:00Z');
  }
  return date;
};

builder.scalarType('DateTime', {
  description: 'An ISO-8601 timestamp with time zone, e.g. 2026-11-21T14:00:00.000Z.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});

builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});
