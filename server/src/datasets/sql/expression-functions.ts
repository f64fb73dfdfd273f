import type { SqlType } from './dataset-scope.js';

/**
 * The scalar functions datasetSql accepts: pure, cheap, no side effects, nothing that reads
 * outside the row. The SQL name is ours (from this table), never the user's spelling.
 * `int` arguments are numeric values passed as integers (round's digits, substr's positions).
 */
export type ScalarFunction = { sql: string; args: readonly (SqlType | 'int')[]; optional?: number; returns: SqlType };

export const SCALAR_FUNCTIONS: Readonly<Record<string, ScalarFunction>> = {
  lower: { sql: 'lower', args: ['text'], returns: 'text' },
  upper: { sql: 'upper', args: ['text'], returns: 'text' },
  btrim: { sql: 'btrim', args: ['text', 'text'], optional: 1, returns: 'text' },
  trim: { sql: 'btrim', args: ['text', 'text'], optional: 1, returns: 'text' },
  ltrim: { sql: 'ltrim', args: ['text', 'text'], optional: 1, returns: 'text' },
  rtrim: { sql: 'rtrim', args: ['text', 'text'], optional: 1, returns: 'text' },
  length: { sql: 'length', args: ['text'], returns: 'numeric' },
  char_length: { sql: 'char_length', args: ['text'], returns: 'numeric' },
  substr: { sql: 'substr', args: ['text', 'int', 'int'], optional: 1, returns: 'text' },
  substring: { sql: 'substr', args: ['text', 'int', 'int'], optional: 1, returns: 'text' },
  left: { sql: 'left', args: ['text', 'int'], returns: 'text' },
  right: { sql: 'right', args: ['text', 'int'], returns: 'text' },
  replace: { sql: 'replace', args: ['text', 'text', 'text'], returns: 'text' },
  strpos: { sql: 'strpos', args: ['text', 'text'], returns: 'numeric' },
  abs: { sql: 'abs', args: ['numeric'], returns: 'numeric' },
  round: { sql: 'round', args: ['numeric', 'int'], optional: 1, returns: 'numeric' },
  trunc: { sql: 'trunc', args: ['numeric', 'int'], optional: 1, returns: 'numeric' },
  ceil: { sql: 'ceil', args: ['numeric'], returns: 'numeric' },
  ceiling: { sql: 'ceil', args: ['numeric'], returns: 'numeric' },
  floor: { sql: 'floor', args: ['numeric'], returns: 'numeric' },
  sign: { sql: 'sign', args: ['numeric'], returns: 'numeric' },
  jsonb_typeof: { sql: 'jsonb_typeof', args: ['jsonb'], returns: 'text' },
  json_typeof: { sql: 'jsonb_typeof', args: ['jsonb'], returns: 'text' },
  jsonb_array_length: { sql: 'jsonb_array_length', args: ['jsonb'], returns: 'numeric' },
  json_array_length: { sql: 'jsonb_array_length', args: ['jsonb'], returns: 'numeric' },
};

/** Aggregates for analysis. count(*) and DISTINCT are handled by the translator. */
export const AGGREGATES: Readonly<Record<string, { arg: SqlType | 'any' | 'ordered'; returns: SqlType | 'same' }>> = {
  count: { arg: 'any', returns: 'numeric' },
  sum: { arg: 'numeric', returns: 'numeric' },
  avg: { arg: 'numeric', returns: 'numeric' },
  min: { arg: 'ordered', returns: 'same' },
  max: { arg: 'ordered', returns: 'same' },
  bool_and: { arg: 'boolean', returns: 'boolean' },
  bool_or: { arg: 'boolean', returns: 'boolean' },
};

export const allowedFunctionNames = () =>
  [...new Set([...Object.keys(SCALAR_FUNCTIONS), ...Object.keys(AGGREGATES), 'coalesce', 'nullif', 'greatest', 'least'])]
    .sort()
    .join(', ');
