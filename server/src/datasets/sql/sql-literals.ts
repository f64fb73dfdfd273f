import type { SqlType } from './dataset-scope.js';
import { SqlRefusal } from './sql-error.js';
import type { SqlParams } from './sql-params.js';

/**
 * A constant whose SQL type is decided by where it is used, as Postgres does with untyped literals:
 * in `score > '3'` the string is a number, in `meta.kind = 'x'` the json side becomes text.
 */
export type LiteralValue =
  | { kind: 'string'; value: string }
  /** Decimal text exactly as written, so 0.1 stays 0.1. */
  | { kind: 'number'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  /** An object or array, only from a bound parameter. */
  | { kind: 'json'; value: unknown };

const NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRUE = new Set(['true', 't', 'yes', 'y', 'on', '1']);
const FALSE = new Set(['false', 'f', 'no', 'n', 'off', '0']);

/**
 * A record id as SQL shows it (the UUID), or as the GraphQL API shows it (the DatasetRecord global
 * ID, base64url of `DatasetRecord:<uuid>`), so ids copied from either work in WHERE id = ….
 */
const recordIdOf = (value: string): string | null => {
  if (UUID.test(value)) return value.toLowerCase();
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  const prefix = 'DatasetRecord:';
  if (!decoded.startsWith(prefix) || Buffer.from(decoded, 'utf8').toString('base64url') !== value) return null;
  const id = decoded.slice(prefix.length);
  return UUID.test(id) ? id.toLowerCase() : null;
};

const quote = (value: string) => (value.length > 40 ? `'${value.slice(0, 40)}…'` : `'${value}'`);

/** A value a client bound to `$n`, as the literal it stands for. */
export const literalOfParam = (value: unknown, n: number, location?: number): LiteralValue => {
  if (value === null || value === undefined) return { kind: 'null' };
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new SqlRefusal(`parameter $${n} must be a finite number`, location);
    return { kind: 'number', value: String(value) };
  }
  if (typeof value === 'object') return { kind: 'json', value };
  throw new SqlRefusal(`parameter $${n} has an unsupported type`, location);
};

/** The type a literal has when nothing around it says otherwise. */
export const naturalType = (literal: LiteralValue): SqlType => {
  switch (literal.kind) {
    case 'number':
      return 'numeric';
    case 'boolean':
      return 'boolean';
    case 'json':
      return 'jsonb';
    default:
      return 'text';
  }
};

/**
 * The value to bind for a literal used as `type` (null for NULL), or a refusal saying why it
 * cannot be one. Checked here so a bad constant is refused at its position, not by Postgres.
 */
export const literalParamValue = (literal: LiteralValue, type: SqlType, location?: number): unknown => {
  const refuse = (what: string) => new SqlRefusal(what, location);
  switch (literal.kind) {
    case 'null':
      return null;
    case 'string': {
      const { value } = literal;
      switch (type) {
        case 'text':
          return value;
        case 'numeric':
          if (!NUMBER.test(value)) throw refuse(`${quote(value)} is not a number`);
          return value.trim();
        case 'boolean': {
          const lower = value.trim().toLowerCase();
          if (TRUE.has(lower)) return true;
          if (FALSE.has(lower)) return false;
          throw refuse(`${quote(value)} is not a boolean`);
        }
        case 'uuid': {
          const id = recordIdOf(value.trim());
          if (!id) throw refuse(`${quote(value)} is not a record id (a UUID, or a DatasetRecord ID from the API)`);
          return id;
        }
        case 'jsonb':
          try {
            JSON.parse(value);
          } catch {
            throw refuse(`${quote(value)} is not valid JSON`);
          }
          return value;
      }
      break;
    }
    case 'number': {
      if (type === 'numeric') return literal.value;
      const number = Number(literal.value);
      if (type === 'jsonb' && Number.isFinite(number)) return String(number);
      throw refuse(`a number (${literal.value}) is used where ${type} is expected`);
    }
    case 'boolean':
      if (type === 'boolean') return literal.value;
      if (type === 'jsonb') return String(literal.value);
      throw refuse(`a boolean is used where ${type} is expected`);
    case 'json':
      if (type === 'jsonb') return JSON.stringify(literal.value);
      throw refuse(`a JSON ${Array.isArray(literal.value) ? 'array' : 'object'} is used where ${type} is expected`);
  }
  throw refuse(`cannot use this value as ${type}`);
};

/** The literal as a bound parameter of the given type (`$n::type`, or a typed NULL). */
export const bindLiteral = (literal: LiteralValue, type: SqlType, params: SqlParams, location?: number): string => {
  const value = literalParamValue(literal, type, location);
  return value === null ? `NULL::${type}` : params.add(value, type);
};

/** The JavaScript value of a literal, for INSERT values. */
export const literalToJs = (literal: LiteralValue): unknown => {
  switch (literal.kind) {
    case 'null':
      return null;
    case 'number':
      return Number(literal.value);
    default:
      return literal.value;
  }
};

export const isNumericText = (value: string) => NUMBER.test(value);
