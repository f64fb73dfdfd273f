import type { DatasetField } from '../dataset-fields.js';
import { type AstBody, onlyFields } from './ast.js';
import { SqlRefusal } from './sql-error.js';
import type { SqlParams } from './sql-params.js';

/** What a statement may see: one dataset, addressed by its name or the fixed alias `dataset`. */
export type SqlDataset = { name: string; fields: readonly DatasetField[] };

/** The value types of translated expressions. */
export type SqlType = 'text' | 'numeric' | 'boolean' | 'jsonb' | 'uuid';

/** The row alias of every generated statement; never a user's text. */
export const ROW = 'r';

/** The table of a statement, and the names its columns may be qualified with. */
export type Scope = { dataset: SqlDataset; qualifiers: string[] };

/** Postgres' own columns of every table: named specially so nobody mistakes them for a typo. */
const SYSTEM_COLUMNS = new Set(['ctid', 'xmin', 'xmax', 'cmin', 'cmax', 'tableoid', 'oid']);

export const FIXED_TABLE_NAME = 'dataset';

/**
 * Checks the FROM / INTO / UPDATE target: exactly the dataset, by its name or as `dataset`,
 * with no schema or database qualifier. Returns the scope its columns resolve in.
 */
export const resolveTable = (dataset: SqlDataset, rangeVar: AstBody): Scope => {
  const relname = String(rangeVar.relname ?? '');
  if (rangeVar.catalogname || rangeVar.schemaname) {
    throw new SqlRefusal(
      `"${[rangeVar.catalogname, rangeVar.schemaname, relname].filter(Boolean).join('.')}" is not reachable: the only table is the dataset ("${dataset.name}" or ${FIXED_TABLE_NAME}), without a schema`,
      rangeVar.location as number | undefined,
    );
  }
  const matches = relname === FIXED_TABLE_NAME || relname.toLowerCase() === dataset.name.toLowerCase();
  if (!matches) {
    throw new SqlRefusal(
      `table "${relname}" is not reachable: the only table is this dataset, named "${dataset.name}" or ${FIXED_TABLE_NAME}`,
      rangeVar.location as number | undefined,
    );
  }
  const alias = rangeVar.alias as AstBody | undefined;
  if (alias) onlyFields(alias, ['aliasname'], { colnames: 'renaming columns in the table alias' }, rangeVar.location as number);
  onlyFields(rangeVar, ['relname', 'inh', 'relpersistence', 'alias'], {}, rangeVar.location as number);
  const qualifiers = [relname, alias?.aliasname].filter((name): name is string => typeof name === 'string');
  return { dataset, qualifiers };
};

/** A column reference translated to SQL over the row's data. */
export type ColumnSql = {
  sql: string;
  type: SqlType;
  /** The same value as text, where that is cheaper than converting (json → ->> / #>>). */
  asText?: string;
  /** How the output column is named: the reference as written, without the table. */
  name: string;
};

/** Field names are unique case-insensitively, so an unquoted (lower-cased) name still finds "Answer". */
export const findField = (dataset: SqlDataset, name: string): DatasetField | undefined =>
  dataset.fields.find((field) => field.name === name) ??
  dataset.fields.find((field) => field.name.toLowerCase() === name.toLowerCase());

export const columnList = (dataset: SqlDataset) => ['id', ...dataset.fields.map((field) => field.name)].join(', ');

/** The SQL of one field's value, typed by the field's type. Field names travel as parameters. */
export const fieldSql = (field: DatasetField, params: SqlParams, path: readonly string[] = []): ColumnSql => {
  const name = [field.name, ...path].join('.');
  if (path.length > 0) {
    const keys = params.add([field.name, ...path], 'text[]');
    return { sql: `(${ROW}.data #> ${keys})`, asText: `(${ROW}.data #>> ${keys})`, type: 'jsonb', name };
  }
  const key = params.add(field.name, 'text');
  switch (field.type) {
    case 'text':
      return { sql: `(${ROW}.data ->> ${key})`, type: 'text', name };
    case 'long':
    case 'double':
      return { sql: `(${ROW}.data -> ${key})::numeric`, type: 'numeric', name };
    case 'json':
      return { sql: `(${ROW}.data -> ${key})`, asText: `(${ROW}.data ->> ${key})`, type: 'jsonb', name };
  }
};

/**
 * Resolves a column reference: `id`, a field, or a json field's sub-field by dot path
 * (`meta.a.b`, or `"meta"."userName"` to keep a key's case), optionally qualified by the table.
 */
export const resolveColumn = (scope: Scope, parts: readonly string[], params: SqlParams, location?: number): ColumnSql => {
  const qualified = parts.length > 1 && scope.qualifiers.some((q) => q.toLowerCase() === parts[0]?.toLowerCase());
  const [first, ...rest] = qualified ? parts.slice(1) : parts;
  if (first === undefined) throw new SqlRefusal('empty column reference', location);
  if (first.toLowerCase() === 'id' && !findField(scope.dataset, first)) {
    if (rest.length > 0) throw new SqlRefusal('id has no sub-fields', location);
    return { sql: `${ROW}.id`, type: 'uuid', name: 'id' };
  }
  const field = findField(scope.dataset, first);
  if (!field) {
    if (SYSTEM_COLUMNS.has(first.toLowerCase())) {
      throw new SqlRefusal(`system column ${first} is not available; the columns are ${columnList(scope.dataset)}`, location);
    }
    const what = rest.length > 0 ? `table or column "${first}"` : `column "${first}"`;
    throw new SqlRefusal(`unknown ${what}; the columns are ${columnList(scope.dataset)}`, location);
  }
  if (rest.length > 0 && field.type !== 'json') {
    throw new SqlRefusal(
      `${field.name} is a ${field.type} field; only json fields have sub-fields (${parts.join('.')})`,
      location,
    );
  }
  return fieldSql(field, params, rest);
};
