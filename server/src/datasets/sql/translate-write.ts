import type { DatasetField } from '../dataset-fields.js';
import { type AstBody, locationOf, namesOf, onlyFields, startOf, unwrap } from './ast.js';
import { columnList, findField, ROW, resolveTable, type Scope, type SqlType } from './dataset-scope.js';
import { SqlRefusal } from './sql-error.js';
import { type LiteralValue, literalOfParam, literalToJs } from './sql-literals.js';
import type { SqlTarget } from './sql-target.js';
import { castTo, coerce, type ExprContext, isLit, MAX_IN_LIST, translate, translateAs } from './translate-expression.js';
import { SCOPE_SQL, scopeParams } from './translate-select.js';

/** The most rows one INSERT may add; bulk loads belong in the import. */
export const MAX_INSERT_ROWS = 1000;

export type InsertPlan = { kind: 'INSERT'; rows: Record<string, unknown>[] };

/**
 * UPDATE and DELETE first select the records they touch (locked, with the new values computed by
 * Postgres for UPDATE), then hand them to the one write path (record-writes.ts) so versions and
 * search outbox rows are written like for every other change.
 */
export type UpdatePlan = {
  kind: 'UPDATE';
  sql: string;
  params: unknown[];
  /** The fields the SET list writes, in the order of the selected columns v0, v1, … */
  fields: { name: string; type: SqlType }[];
};

export type DeletePlan = { kind: 'DELETE'; sql: string; params: unknown[] };

const writeContext = (target: SqlTarget, scope: Scope, userParams: readonly unknown[], clause: string): ExprContext => ({
  scope,
  params: scopeParams(target),
  userParams,
  clause,
  aggregates: false,
  groupKeys: null,
});

/** A constant of INSERT … VALUES: a literal or $n, optionally negated or cast; DEFAULT is "absent". */
const constantOf = (
  node: unknown,
  userParams: readonly unknown[],
): { literal: LiteralValue; fromParam: boolean; cast?: string } | 'default' => {
  const [kind, body] = unwrap(node);
  const refuse = () =>
    new SqlRefusal(
      'INSERT values must be constants (literals, $n parameters or DEFAULT); use UPDATE to compute values',
      body.location,
    );
  switch (kind) {
    case 'SetToDefault':
      return 'default';
    case 'A_Const':
    case 'ParamRef': {
      if (kind === 'ParamRef') {
        const n = Number(body.number);
        if (!(n >= 1 && n <= userParams.length))
          throw new SqlRefusal(`parameter $${n} was not given (${userParams.length} given)`, body.location);
        return { literal: literalOfParam(userParams[n - 1], n, body.location), fromParam: true };
      }
      if (body.isnull) return { literal: { kind: 'null' }, fromParam: false };
      if (body.ival)
        return { literal: { kind: 'number', value: String((body.ival as { ival?: number }).ival ?? 0) }, fromParam: false };
      if (body.fval)
        return { literal: { kind: 'number', value: String((body.fval as { fval?: string }).fval) }, fromParam: false };
      if (body.boolval)
        return {
          literal: { kind: 'boolean', value: Boolean((body.boolval as { boolval?: boolean }).boolval) },
          fromParam: false,
        };
      if (body.sval)
        return { literal: { kind: 'string', value: String((body.sval as { sval?: string }).sval ?? '') }, fromParam: false };
      throw refuse();
    }
    case 'A_Expr': {
      const op = namesOf(body.name)[0];
      if (body.kind === 'AEXPR_OP' && body.lexpr === undefined && (op === '-' || op === '+')) {
        const inner = constantOf(body.rexpr, userParams);
        if (inner !== 'default' && inner.literal.kind === 'number') {
          const value = inner.literal.value;
          return {
            ...inner,
            literal: { kind: 'number', value: op === '-' ? (value.startsWith('-') ? value.slice(1) : `-${value}`) : value },
          };
        }
      }
      throw refuse();
    }
    case 'TypeCast': {
      const names = namesOf((body.typeName as AstBody | undefined)?.names);
      const name = names[names.length - 1] ?? '';
      const inner = constantOf(body.arg, userParams);
      if (
        inner === 'default' ||
        !['json', 'jsonb', 'text', 'varchar', 'numeric', 'int2', 'int4', 'int8', 'float4', 'float8', 'bool'].includes(name)
      ) {
        throw new SqlRefusal(`cast to ${names.join('.')} is not allowed in INSERT values`, body.location);
      }
      return { ...inner, cast: name };
    }
    default:
      throw refuse();
  }
};

/** The JSON value a constant stores in a field, following Postgres: a string literal for a json field is JSON text. */
const valueFor = (
  field: DatasetField,
  constant: { literal: LiteralValue; fromParam: boolean; cast?: string },
  location?: number,
): unknown => {
  const { literal } = constant;
  if (
    literal.kind === 'string' &&
    !constant.fromParam &&
    (field.type === 'json' || constant.cast === 'json' || constant.cast === 'jsonb')
  ) {
    try {
      return JSON.parse(literal.value);
    } catch {
      throw new SqlRefusal(`the value for ${field.name} is not valid JSON`, location);
    }
  }
  if (
    literal.kind === 'string' &&
    (field.type === 'long' || field.type === 'double') &&
    /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(literal.value)
  ) {
    return Number(literal.value);
  }
  if (literal.kind === 'number' && constant.cast && ['text', 'varchar'].includes(constant.cast)) return literal.value;
  return literalToJs(literal);
};

const resolveWriteTable = (target: SqlTarget, relation: unknown): Scope => {
  if (!relation) throw new SqlRefusal('the statement names no table', 0);
  return resolveTable(target.dataset, relation as AstBody);
};

const fieldByName = (scope: Scope, name: string, location?: number): DatasetField => {
  if (name.toLowerCase() === 'id') throw new SqlRefusal('id is generated and immutable; it cannot be set', location);
  const field = findField(scope.dataset, name);
  if (!field) throw new SqlRefusal(`unknown column "${name}"; the columns are ${columnList(scope.dataset)}`, location);
  return field;
};

export const translateInsert = (target: SqlTarget, body: AstBody, userParams: readonly unknown[]): InsertPlan => {
  onlyFields(
    body,
    ['relation', 'cols', 'selectStmt', 'override'],
    {
      onConflictClause: 'ON CONFLICT',
      returningList: 'RETURNING (the result lists the new record ids)',
      returningClause: 'RETURNING (the result lists the new record ids)',
      withClause: 'WITH (common table expressions)',
    },
    0,
  );
  const scope = resolveWriteTable(target, body.relation);
  const cols = (body.cols as unknown[] | undefined) ?? [];
  if (cols.length === 0) {
    throw new SqlRefusal(
      `name the columns: INSERT INTO ${target.dataset.name} (${target.dataset.fields
        .map((f) => f.name)
        .slice(0, 3)
        .join(', ')}) VALUES (…)`,
      locationOf(body.relation),
    );
  }
  const fields = cols.map((node) => {
    const [, col] = unwrap(node);
    onlyFields(col, ['name'], { indirection: 'sub-fields in the INSERT column list (insert the whole json value)' });
    return { field: fieldByName(scope, String(col.name ?? ''), col.location), location: col.location };
  });
  fields.forEach(({ field, location }, index) => {
    if (fields.findIndex((f) => f.field.name === field.name) !== index)
      throw new SqlRefusal(`column ${field.name} is listed twice`, location);
  });
  const [selectKind, select] = unwrap(body.selectStmt);
  const valuesLists = selectKind === 'SelectStmt' ? ((select.valuesLists as unknown[] | undefined) ?? []) : [];
  if (valuesLists.length === 0)
    throw new SqlRefusal('INSERT takes VALUES (…); INSERT … SELECT is not allowed', locationOf(body.selectStmt) ?? 0);
  onlyFields(select, ['valuesLists', 'limitOption', 'op'], {}, locationOf(valuesLists));
  if (valuesLists.length > MAX_INSERT_ROWS) {
    throw new SqlRefusal(
      `at most ${MAX_INSERT_ROWS} rows per INSERT; this one has ${valuesLists.length} (use the import for more)`,
      locationOf(valuesLists),
    );
  }
  const rows = valuesLists.map((list) => {
    const [, values] = unwrap(list);
    const items = (values.items as unknown[] | undefined) ?? [];
    if (items.length !== fields.length) {
      throw new SqlRefusal(`VALUES has ${items.length} values where ${fields.length} columns are named`, locationOf(items));
    }
    const row: Record<string, unknown> = {};
    items.forEach((item, index) => {
      const { field } = fields[index] as { field: DatasetField };
      const constant = constantOf(item, userParams);
      if (constant !== 'default') row[field.name] = valueFor(field, constant, locationOf(item));
    });
    return row;
  });
  return { kind: 'INSERT', rows };
};

/** Whether `node` is `id = <constant>` or `id IN (<constants>)`. */
const isIdPredicate = (node: unknown, scope: Scope): boolean => {
  const [kind, body] = unwrap(node);
  if (kind === 'BoolExpr')
    return body.boolop === 'AND_EXPR' && ((body.args as unknown[] | undefined) ?? []).some((arg) => isIdPredicate(arg, scope));
  if (kind !== 'A_Expr') return false;
  const op = namesOf(body.name)[0];
  if (op !== '=') return false;
  if (body.kind === 'AEXPR_OP') {
    return (isIdRef(body.lexpr, scope) && isConstant(body.rexpr)) || (isConstant(body.lexpr) && isIdRef(body.rexpr, scope));
  }
  if (body.kind === 'AEXPR_IN') {
    const [, list] = unwrap(body.rexpr);
    return isIdRef(body.lexpr, scope) && ((list.items as unknown[] | undefined) ?? []).every(isConstant);
  }
  return false;
};

const isIdRef = (node: unknown, scope: Scope) => {
  const [kind, body] = unwrap(node);
  if (kind !== 'ColumnRef') return false;
  const parts = ((body.fields as unknown[] | undefined) ?? []).map((f) => String(unwrap(f)[1].sval ?? ''));
  const qualified = parts.length === 2 && scope.qualifiers.some((q) => q.toLowerCase() === parts[0]?.toLowerCase());
  const rest = qualified ? parts.slice(1) : parts;
  return rest.length === 1 && rest[0]?.toLowerCase() === 'id';
};

const isConstant = (node: unknown): boolean => {
  const [kind, body] = unwrap(node);
  if (kind === 'A_Const' || kind === 'ParamRef') return true;
  return kind === 'TypeCast' && isConstant(body.arg);
};

/** UPDATE and DELETE name their records: `WHERE id = …` or `WHERE id IN (…)`, maybe AND-ed with more conditions. */
const requireIds = (verb: string, where: unknown, scope: Scope, ctx: ExprContext): string => {
  if (where === undefined || !isIdPredicate(where, scope)) {
    throw new SqlRefusal(
      `${verb} must target records by id: WHERE id = '…' or WHERE id IN (…) (further conditions may be AND-ed; at most ${MAX_IN_LIST} ids)`,
      startOf(where) ?? 0,
    );
  }
  return translateAs(where, 'boolean', { ...ctx, clause: 'WHERE' }).sql;
};

const STORED_TYPE: Record<DatasetField['type'], SqlType> = { text: 'text', long: 'numeric', double: 'numeric', json: 'jsonb' };

export const translateUpdate = (target: SqlTarget, body: AstBody, userParams: readonly unknown[]): UpdatePlan => {
  onlyFields(
    body,
    ['relation', 'targetList', 'whereClause'],
    {
      fromClause: 'UPDATE … FROM',
      returningList: 'RETURNING (the result lists the record ids)',
      returningClause: 'RETURNING (the result lists the record ids)',
      withClause: 'WITH (common table expressions)',
    },
    0,
  );
  const scope = resolveWriteTable(target, body.relation);
  const ctx = writeContext(target, scope, userParams, 'SET');
  const whereSql = requireIds('UPDATE', body.whereClause, scope, ctx);
  // Sub-field assignments (SET meta.a = 1) of one json field are applied in order onto its value.
  const assignments = new Map<string, { field: DatasetField; sql: string; whole: boolean }>();
  for (const node of (body.targetList as unknown[] | undefined) ?? []) {
    const [kind, set] = unwrap(node);
    if (kind !== 'ResTarget') throw new SqlRefusal('unexpected SET item', locationOf(node));
    const [valueKind] = unwrap(set.val);
    if (valueKind === 'MultiAssignRef') throw new SqlRefusal('SET (a, b) = (…) is not allowed; assign each column', set.location);
    const field = fieldByName(scope, String(set.name ?? ''), set.location);
    const path = ((set.indirection as unknown[] | undefined) ?? []).map((part) => {
      const [partKind, partBody] = unwrap(part);
      if (partKind !== 'String') throw new SqlRefusal('subscripts are not allowed in SET; use json dot paths', set.location);
      return String(partBody.sval ?? '');
    });
    const previous = assignments.get(field.name);
    if (path.length === 0) {
      if (previous) throw new SqlRefusal(`${field.name} is assigned twice`, set.location);
      const value = translate(set.val, ctx);
      const type = STORED_TYPE[field.type];
      const sql = (isLit(value) ? coerce(value, type, ctx) : castTo(value, type, ctx, set.location)).sql;
      assignments.set(field.name, { field, sql, whole: true });
      continue;
    }
    if (field.type !== 'json')
      throw new SqlRefusal(`${field.name} is a ${field.type} field; only json fields have sub-fields`, set.location);
    if (previous?.whole) throw new SqlRefusal(`${field.name} is assigned as a whole and by sub-field`, set.location);
    const value = translate(set.val, ctx);
    // A constant string in a sub-field is a JSON string (SET meta.label = 'x'), not JSON text.
    const json = isLit(value)
      ? value.literal.kind === 'string'
        ? castTo({ ...value, literal: value.literal }, 'text', ctx)
        : coerce(value, 'jsonb', ctx)
      : value;
    const jsonSql = json.type === 'jsonb' ? json.sql : castTo(json, 'jsonb', ctx, set.location).sql;
    const base = previous?.sql ?? `COALESCE(${ROW}.data -> ${ctx.params.add(field.name, 'text')}, '{}'::jsonb)`;
    // jsonb_set is strict: a NULL value would null the whole field, so NULL becomes JSON null.
    const sql = `jsonb_set(${base}, ${ctx.params.add(path, 'text[]')}, COALESCE(${jsonSql}, 'null'::jsonb), true)`;
    assignments.set(field.name, { field, sql, whole: false });
  }
  const sets = [...assignments.values()];
  const sql = [
    `SELECT ${ROW}.id::text AS id, ${ROW}.version AS version${sets.map((set, index) => `, ${set.sql} AS "v${index}"`).join('')}`,
    `FROM "DatasetRecord" ${ROW}`,
    `WHERE ${SCOPE_SQL} AND ${whereSql}`,
    `ORDER BY ${ROW}.id FOR UPDATE`,
  ].join(' ');
  return {
    kind: 'UPDATE',
    sql,
    params: ctx.params.values,
    fields: sets.map((set) => ({ name: set.field.name, type: STORED_TYPE[set.field.type] })),
  };
};

export const translateDelete = (target: SqlTarget, body: AstBody, userParams: readonly unknown[]): DeletePlan => {
  onlyFields(
    body,
    ['relation', 'whereClause'],
    {
      usingClause: 'DELETE … USING',
      returningList: 'RETURNING (the result lists the record ids)',
      returningClause: 'RETURNING (the result lists the record ids)',
      withClause: 'WITH (common table expressions)',
    },
    0,
  );
  const scope = resolveWriteTable(target, body.relation);
  const ctx = writeContext(target, scope, userParams, 'WHERE');
  const whereSql = requireIds('DELETE', body.whereClause, scope, ctx);
  const sql = `SELECT ${ROW}.id::text AS id FROM "DatasetRecord" ${ROW} WHERE ${SCOPE_SQL} AND ${whereSql} ORDER BY ${ROW}.id FOR UPDATE`;
  return { kind: 'DELETE', sql, params: ctx.params.values };
};
