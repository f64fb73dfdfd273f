import type { DatasetField } from '../datasets/dataset-fields.js';
import { InvalidInputError } from '../errors/app-error.js';
import { attributeOf } from './search-document.js';

/** A filter value: what long/double fields and json sub-fields hold that Meilisearch can compare. */
export type FilterValue = string | number | boolean;

/** A filter as a tree, from structured conditions or a parsed SQL-style condition. */
export type FilterNode =
  | { kind: 'and' | 'or'; children: FilterNode[] }
  | { kind: 'not'; child: FilterNode }
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: FilterValue }
  | { kind: 'in'; field: string; values: FilterValue[]; negated: boolean }
  | { kind: 'between'; field: string; low: number; high: number }
  | { kind: 'exists'; field: string; negated: boolean };

export const MAX_IN_VALUES = 1000;
export const MAX_FILTER_NODES = 200;

/** The fields a filter may name: long and double fields, and json fields' declared keys (`meta.lang`). */
export const filterableFields = (fields: readonly DatasetField[]): Map<string, 'number' | 'json'> => {
  const names = new Map<string, 'number' | 'json'>();
  for (const field of fields) {
    if (field.type === 'long' || field.type === 'double') names.set(field.name, 'number');
    if (field.type === 'json') for (const key of field.options.jsonKeys) names.set(`${field.name}.${key}`, 'json');
  }
  return names;
};

/**
 * A Meilisearch filter literal. Every value is double-quoted with `\` and `"` escaped, numbers too
 * (Meilisearch compares quoted numbers numerically), so no user value is ever read as syntax.
 */
export const quote = (value: FilterValue) => `"${String(value).replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * Compiles a filter tree to Meilisearch filter syntax, checking every field against the dataset's
 * filterable fields and every value against the field's type. Field names come only from the
 * schema (never from the input verbatim), values only through `quote`. `path` names the input for errors.
 */
export const compileFilter = (node: FilterNode, fields: readonly DatasetField[], path: string): string => {
  const allowed = filterableFields(fields);
  let count = 0;
  const fail = (message: string): never => {
    throw new InvalidInputError([{ path, message }]);
  };
  const attribute = (field: string) => {
    const kind = allowed.get(field);
    if (!kind) {
      const names = [...allowed.keys()];
      fail(
        `"${field.slice(0, 100)}" is not a filterable field of this dataset (${names.length > 0 ? `filterable: ${names.join(', ')}` : 'it has no long, double or json_keys fields'})`,
      );
    }
    const [name, ...keys] = field.split('.');
    return attributeOf(name ?? '', keys.length > 0 ? keys.join('.') : undefined);
  };
  const value = (field: string, v: FilterValue) => {
    if (allowed.get(field) === 'number' && (typeof v !== 'number' || !Number.isFinite(v))) {
      fail(`"${field}" is a number field: compare it with a number, not ${JSON.stringify(v)}`);
    }
    if (typeof v === 'number' && !Number.isFinite(v)) fail(`${v} is not a finite number`);
    return quote(v);
  };
  const compile = (n: FilterNode): string => {
    if (++count > MAX_FILTER_NODES) fail(`a filter may have at most ${MAX_FILTER_NODES} conditions`);
    switch (n.kind) {
      case 'and':
      case 'or':
        if (n.children.length === 0) return n.kind === 'and' ? 'projectId EXISTS' : 'NOT projectId EXISTS';
        return `(${n.children.map(compile).join(n.kind === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        return `(NOT ${compile(n.child)})`;
      case 'compare': {
        const numeric = n.op !== '=' && n.op !== '!=';
        if (numeric && typeof n.value !== 'number')
          fail(`${n.op} compares numbers; "${n.field}" was compared with ${JSON.stringify(n.value)}`);
        return `${attribute(n.field)} ${n.op} ${value(n.field, n.value)}`;
      }
      case 'in':
        if (n.values.length === 0) fail(`IN on "${n.field}" needs at least one value`);
        if (n.values.length > MAX_IN_VALUES) fail(`IN on "${n.field}" has ${n.values.length} values; at most ${MAX_IN_VALUES}`);
        return `${attribute(n.field)} ${n.negated ? 'NOT IN' : 'IN'} [${n.values.map((v) => value(n.field, v)).join(', ')}]`;
      case 'between':
        return `${attribute(n.field)} ${value(n.field, n.low)} TO ${value(n.field, n.high)}`;
      case 'exists':
        return `${attribute(n.field)} ${n.negated ? 'NOT EXISTS' : 'EXISTS'}`;
    }
  };
  return compile(node);
};

/** The filter every search runs with: the caller's project and the dataset, whatever else was asked. */
export const scopeFilter = (projectId: string, datasetId: string, user: string | null) =>
  `projectId = ${quote(projectId)} AND datasetId = ${quote(datasetId)}${user ? ` AND (${user})` : ''}`;
