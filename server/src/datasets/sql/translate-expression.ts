import { type AstBody, locationOf, namesOf, onlyFields, unwrap } from './ast.js';
import { resolveColumn, type Scope, type SqlType } from './dataset-scope.js';
import { AGGREGATES, allowedFunctionNames, SCALAR_FUNCTIONS } from './expression-functions.js';
import { SqlRefusal } from './sql-error.js';
import { bindLiteral, type LiteralValue, literalOfParam, literalParamValue, naturalType } from './sql-literals.js';
import type { ParamType, SqlParams } from './sql-params.js';

/** The longest IN list accepted; longer lists belong in several statements (or a filter on a field). */
export const MAX_IN_LIST = 1000;
/** How deeply expressions may nest before the statement is refused (keeps the walker's stack small). */
export const MAX_DEPTH = 100;

/** A column used outside any aggregate, for the GROUP BY check. */
export type ColumnUse = { name: string; location: number | undefined };

/** A translated expression with a known SQL type. */
export type Typed = {
  sql: string;
  type: SqlType;
  /** The same value as text, cheaper than converting (json fields: ->> / #>>). */
  asText?: string;
  /** Columns referenced outside aggregates and outside grouped expressions. */
  ungrouped: ColumnUse[];
  aggregate: boolean;
  /** Output column name when this is a SELECT item. */
  name?: string;
};

/** A constant whose type is decided by its use (see sql-literals.ts). */
export type Lit = { literal: LiteralValue; location: number | undefined };

export type Translated = Typed | Lit;

export const isLit = (value: Translated): value is Lit => 'literal' in value;

/** Where an expression is, and what is allowed there. */
export type ExprContext = {
  scope: Scope;
  params: SqlParams;
  /** Values a client bound to $1, $2, …; they are literals, never SQL. */
  userParams: readonly unknown[];
  /** The clause, for messages: "WHERE", "the SELECT list", … */
  clause: string;
  aggregates: boolean;
  /** SQL of the GROUP BY expressions: a column inside one of them counts as grouped. */
  groupKeys: ReadonlySet<string> | null;
};

type State = { depth: number; inAggregate: boolean };

const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);
const ALLOWED_OPERATORS = '=, <>, !=, <, >, <=, >=, +, -, *, /, %, ||, ->, ->>, #>, #>>, @>, <@, ?';

const NODE_NAMES: Record<string, string> = {
  SubLink: 'subqueries',
  SQLValueFunction: 'CURRENT_USER, CURRENT_DATE and similar functions',
  A_ArrayExpr: 'ARRAY constructors',
  RowExpr: 'row constructors',
  A_Indirection: 'subscripts',
  CollateClause: 'COLLATE',
  GroupingFunc: 'GROUPING()',
  A_Star: '* outside the SELECT list',
  SetToDefault: 'DEFAULT outside INSERT values',
  NamedArgExpr: 'named function arguments',
  XmlExpr: 'XML functions',
  XmlSerialize: 'XML functions',
  MergeSupportFunc: 'MERGE functions',
};

const ungroupedOf = (...items: Translated[]) => items.flatMap((item) => (isLit(item) ? [] : item.ungrouped));
const aggregateOf = (...items: Translated[]) => items.some((item) => !isLit(item) && item.aggregate);

const typed = (sql: string, type: SqlType, from: Translated[], extra: Partial<Typed> = {}): Typed => ({
  sql,
  type,
  ungrouped: ungroupedOf(...from),
  aggregate: aggregateOf(...from),
  ...extra,
});

const describe = (value: Translated) => (isLit(value) ? `the constant` : (value.name ?? 'the expression'));

/** Converts an expression to a type where the conversion is implicit (and safe: never an error). */
export const coerce = (value: Translated, type: SqlType, ctx: ExprContext): Typed => {
  if (isLit(value)) return typed(bindLiteral(value.literal, type, ctx.params, value.location), type, []);
  if (value.type === type) return value;
  const keep = { ungrouped: value.ungrouped, aggregate: value.aggregate };
  if (value.type === 'jsonb') {
    if (type === 'text') return { sql: value.asText ?? `(${value.sql} #>> '{}')`, type, ...keep };
    if (type === 'numeric' || type === 'boolean') {
      // A json value of another kind is NULL here, not an error: filters over mixed data keep working.
      const jsonKind = type === 'numeric' ? 'number' : 'boolean';
      return { sql: `(CASE WHEN jsonb_typeof(${value.sql}) = '${jsonKind}' THEN (${value.sql})::${type} END)`, type, ...keep };
    }
  }
  if (value.type === 'uuid' && type === 'text') return { sql: `(${value.sql})::text`, type, ...keep };
  throw new SqlRefusal(`${describe(value)} is ${value.type}, not ${type}`);
};

/** Conversions that need saying (CAST / ::): everything coerce does, plus text ↔ numbers and to json. */
export const castTo = (value: Translated, type: SqlType, ctx: ExprContext, location?: number): Typed => {
  if (isLit(value)) {
    if (value.literal.kind === 'number' && type === 'text') return typed(ctx.params.add(value.literal.value, 'text'), 'text', []);
    return coerce(value, type, ctx);
  }
  if (value.type === type) return value;
  if (value.type === 'jsonb' && type !== 'uuid') return coerce(value, type, ctx);
  const keep = { ungrouped: value.ungrouped, aggregate: value.aggregate };
  if (type === 'jsonb') return { sql: `to_jsonb(${value.sql})`, type, ...keep };
  if (type === 'text') return { sql: `(${value.sql})::text`, type, ...keep };
  if (value.type === 'text') return { sql: `(${value.sql})::${type}`, type, ...keep };
  throw new SqlRefusal(`cannot cast ${value.type} to ${type}`, location);
};

/** The type a set of expressions is compared or combined in, as Postgres would choose it. */
export const commonType = (items: readonly Translated[], location?: number): SqlType => {
  const types = new Set(items.filter((item): item is Typed => !isLit(item)).map((item) => item.type));
  types.delete('jsonb');
  if (types.has('uuid') && types.has('text')) types.delete('uuid');
  if (types.size > 1) throw new SqlRefusal(`cannot combine ${[...types].join(' and ')} values`, location);
  const [only] = types;
  if (only) return only;
  const literal = items.find((item): item is Lit => isLit(item) && item.literal.kind !== 'null');
  if (items.some((item) => !isLit(item))) {
    // json compared with a constant takes the constant's kind: meta.n > 3 numerically, meta.s = 'x' as text.
    return literal ? naturalType(literal.literal) : 'jsonb';
  }
  return literal ? naturalType(literal.literal) : 'text';
};

const unify = (items: Translated[], ctx: ExprContext, location?: number): Typed[] => {
  const type = commonType(items, location);
  return items.map((item) => coerce(item, type, ctx));
};

const constOf = (body: AstBody): LiteralValue => {
  if (body.isnull) return { kind: 'null' };
  if (body.ival) return { kind: 'number', value: String((body.ival as { ival?: number }).ival ?? 0) };
  if (body.fval) return { kind: 'number', value: String((body.fval as { fval?: string }).fval ?? '0') };
  if (body.boolval) return { kind: 'boolean', value: Boolean((body.boolval as { boolval?: boolean }).boolval) };
  if (body.sval) return { kind: 'string', value: String((body.sval as { sval?: string }).sval ?? '') };
  throw new SqlRefusal('bit-string constants are not allowed', body.location);
};

/** Casts accepted, by Postgres' type name: to our value types only; never to reg* or other catalog types. */
const CASTS: Record<string, { type: SqlType; integer?: boolean }> = {
  text: { type: 'text' },
  varchar: { type: 'text' },
  bpchar: { type: 'text' },
  numeric: { type: 'numeric' },
  float4: { type: 'numeric' },
  float8: { type: 'numeric' },
  int2: { type: 'numeric', integer: true },
  int4: { type: 'numeric', integer: true },
  int8: { type: 'numeric', integer: true },
  bool: { type: 'boolean' },
  json: { type: 'jsonb' },
  jsonb: { type: 'jsonb' },
  uuid: { type: 'uuid' },
};

const translateCast = (body: AstBody, ctx: ExprContext, state: State): Translated => {
  const typeName = (body.typeName ?? {}) as AstBody;
  onlyFields(
    typeName,
    ['names', 'typemod'],
    { typmods: 'type modifiers (use round())', arrayBounds: 'array types' },
    body.location,
  );
  const names = namesOf(typeName.names);
  const name = names.length === 2 && names[0] === 'pg_catalog' ? names[1] : names.length === 1 ? names[0] : undefined;
  const cast = name ? CASTS[name] : undefined;
  if (!cast) {
    throw new SqlRefusal(
      `cast to ${names.join('.')} is not allowed; allowed: text, varchar, numeric, int, bigint, float, double precision, boolean, json, jsonb, uuid`,
      (typeName.location as number | undefined) ?? body.location,
    );
  }
  const inner = translate(body.arg, ctx, state);
  const result = castTo(inner, cast.type, ctx, body.location);
  const name_ = isLit(inner) ? undefined : inner.name;
  if (cast.integer) return { ...result, sql: `round(${result.sql})`, name: name_ };
  return { ...result, name: name_ };
};

/** A constant json path such as '{a,b,0}' for #> / #>>, bound as a text array. */
const JSON_PATH = /^\{\s*([^{},"\s]+(\s*,\s*[^{},"\s]+)*)?\s*\}$/;

const translateOperator = (body: AstBody, ctx: ExprContext, state: State): Translated => {
  const names = namesOf(body.name);
  const location = body.location;
  if (names.length !== 1) throw new SqlRefusal('schema-qualified operators are not allowed', location);
  const op = names[0] as string;
  if (body.lexpr === undefined) {
    const operand = translate(body.rexpr, ctx, state);
    if (op === '-' || op === '+') {
      if (isLit(operand) && operand.literal.kind === 'number') {
        const value = operand.literal.value;
        const negated = value.startsWith('-') ? value.slice(1) : `-${value}`;
        return { literal: { kind: 'number', value: op === '-' ? negated : value }, location };
      }
      const number = coerce(operand, 'numeric', ctx);
      return typed(`(${op}${number.sql})`, 'numeric', [number]);
    }
    throw new SqlRefusal(`prefix operator ${op} is not allowed`, location);
  }
  const left = translate(body.lexpr, ctx, state);
  const right = translate(body.rexpr, ctx, state);
  if (COMPARISONS.has(op)) {
    const [a, b] = unify([left, right], ctx, location) as [Typed, Typed];
    return typed(`(${a.sql} ${op === '!=' ? '<>' : op} ${b.sql})`, 'boolean', [a, b]);
  }
  if (ARITHMETIC.has(op)) {
    const a = coerce(left, 'numeric', ctx);
    const b = coerce(right, 'numeric', ctx);
    return typed(`(${a.sql} ${op} ${b.sql})`, 'numeric', [a, b]);
  }
  switch (op) {
    case '||': {
      if (!isLit(left) && !isLit(right) && left.type === 'jsonb' && right.type === 'jsonb') {
        return typed(`(${left.sql} || ${right.sql})`, 'jsonb', [left, right]);
      }
      const a = castTo(left, 'text', ctx, location);
      const b = castTo(right, 'text', ctx, location);
      return typed(`(${a.sql} || ${b.sql})`, 'text', [a, b]);
    }
    case '->':
    case '->>': {
      const json = jsonOperand(left, op, ctx, location);
      let key: Typed;
      if (isLit(right) && right.literal.kind === 'number') {
        if (!/^-?\d+$/.test(right.literal.value)) throw new SqlRefusal(`${op} takes a key or an integer index`, location);
        key = typed(`(${ctx.params.add(right.literal.value, 'numeric')})::int`, 'numeric', []);
      } else if (!isLit(right) && right.type === 'numeric') {
        key = typed(`(${right.sql})::int`, 'numeric', [right]);
      } else {
        key = coerce(right, 'text', ctx);
      }
      return typed(`(${json.sql} ${op} ${key.sql})`, op === '->' ? 'jsonb' : 'text', [json, key]);
    }
    case '#>':
    case '#>>': {
      const json = jsonOperand(left, op, ctx, location);
      if (!isLit(right) || right.literal.kind !== 'string' || !JSON_PATH.test(right.literal.value)) {
        throw new SqlRefusal(`${op} takes a constant path such as '{a,b,0}'`, location);
      }
      const inner = right.literal.value.trim().slice(1, -1).trim();
      const keys = inner === '' ? [] : inner.split(',').map((key) => key.trim());
      return typed(`(${json.sql} ${op} ${ctx.params.add(keys, 'text[]')})`, op === '#>' ? 'jsonb' : 'text', [json]);
    }
    case '@>':
    case '<@': {
      const a = coerce(left, 'jsonb', ctx);
      const b = coerce(right, 'jsonb', ctx);
      return typed(`(${a.sql} ${op} ${b.sql})`, 'boolean', [a, b]);
    }
    case '?': {
      const json = jsonOperand(left, op, ctx, location);
      const key = coerce(right, 'text', ctx);
      return typed(`(${json.sql} ? ${key.sql})`, 'boolean', [json, key]);
    }
    default:
      throw new SqlRefusal(
        `operator ${op} is not allowed; allowed: ${ALLOWED_OPERATORS}, AND, OR, NOT, IN, LIKE, ILIKE, BETWEEN, IS NULL`,
        location,
      );
  }
};

const jsonOperand = (value: Translated, op: string, ctx: ExprContext, location?: number): Typed => {
  if (isLit(value) || value.type !== 'jsonb') {
    throw new SqlRefusal(
      `${op} applies to json values; ${describe(value)} is ${isLit(value) ? 'a constant' : value.type}`,
      location,
    );
  }
  return coerce(value, 'jsonb', ctx);
};

const listItems = (node: unknown): unknown[] => {
  const [kind, body] = unwrap(node);
  if (kind !== 'List') throw new SqlRefusal('expected a list', locationOf(node));
  return (body.items as unknown[] | undefined) ?? [];
};

const ARRAY_TYPES: Partial<Record<SqlType, ParamType>> = {
  text: 'text[]',
  numeric: 'numeric[]',
  boolean: 'boolean[]',
  uuid: 'uuid[]',
};

const translateIn = (body: AstBody, ctx: ExprContext, state: State): Typed => {
  const names = namesOf(body.name);
  const negated = names[0] === '<>';
  const nodes = listItems(body.rexpr);
  if (nodes.length > MAX_IN_LIST) {
    throw new SqlRefusal(`IN lists have at most ${MAX_IN_LIST} items; this one has ${nodes.length}`, body.location);
  }
  const left = translate(body.lexpr, ctx, state);
  const items = nodes.map((node) => translate(node, ctx, state));
  const type = commonType([left, ...items], body.location);
  const lhs = coerce(left, type, ctx);
  const arrayType = ARRAY_TYPES[type];
  if (arrayType && items.every(isLit)) {
    // One array parameter, however long the list: the plan and the parameter count stay small.
    const values = items.map((item) => literalParamValue(item.literal, type, item.location));
    const sql = `(${lhs.sql} = ANY(${ctx.params.add(values, arrayType)}))`;
    return typed(negated ? `(NOT ${sql})` : sql, 'boolean', [lhs]);
  }
  const rhs = items.map((item) => coerce(item, type, ctx));
  return typed(`(${lhs.sql} ${negated ? 'NOT IN' : 'IN'} (${rhs.map((r) => r.sql).join(', ')}))`, 'boolean', [lhs, ...rhs]);
};

const translateAExpr = (body: AstBody, ctx: ExprContext, state: State): Translated => {
  onlyFields(body, ['kind', 'name', 'lexpr', 'rexpr', 'rexpr_list_start', 'rexpr_list_end']);
  const kind = String(body.kind);
  const location = body.location;
  switch (kind) {
    case 'AEXPR_OP':
      return translateOperator(body, ctx, state);
    case 'AEXPR_IN':
      return translateIn(body, ctx, state);
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE': {
      const op = namesOf(body.name)[0] ?? '';
      const sqlOp = { '~~': 'LIKE', '!~~': 'NOT LIKE', '~~*': 'ILIKE', '!~~*': 'NOT ILIKE' }[op];
      if (!sqlOp) throw new SqlRefusal(`operator ${op} is not allowed`, location);
      const a = coerce(translate(body.lexpr, ctx, state), 'text', ctx);
      const b = coerce(translate(body.rexpr, ctx, state), 'text', ctx);
      return typed(`(${a.sql} ${sqlOp} ${b.sql})`, 'boolean', [a, b]);
    }
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN':
    case 'AEXPR_BETWEEN_SYM':
    case 'AEXPR_NOT_BETWEEN_SYM': {
      const [low, high] = listItems(body.rexpr).map((node) => translate(node, ctx, state)) as [Translated, Translated];
      const [value, lo, hi] = unify([translate(body.lexpr, ctx, state), low, high], ctx, location) as [Typed, Typed, Typed];
      const not = kind.includes('NOT') ? 'NOT ' : '';
      const symmetric = kind.endsWith('_SYM') ? 'SYMMETRIC ' : '';
      return typed(`(${value.sql} ${not}BETWEEN ${symmetric}${lo.sql} AND ${hi.sql})`, 'boolean', [value, lo, hi]);
    }
    case 'AEXPR_NULLIF': {
      const [a, b] = unify([translate(body.lexpr, ctx, state), translate(body.rexpr, ctx, state)], ctx, location) as [
        Typed,
        Typed,
      ];
      return typed(`NULLIF(${a.sql}, ${b.sql})`, a.type, [a, b]);
    }
    case 'AEXPR_DISTINCT':
    case 'AEXPR_NOT_DISTINCT': {
      const [a, b] = unify([translate(body.lexpr, ctx, state), translate(body.rexpr, ctx, state)], ctx, location) as [
        Typed,
        Typed,
      ];
      const op = kind === 'AEXPR_DISTINCT' ? 'IS DISTINCT FROM' : 'IS NOT DISTINCT FROM';
      return typed(`(${a.sql} ${op} ${b.sql})`, 'boolean', [a, b]);
    }
    case 'AEXPR_SIMILAR':
      throw new SqlRefusal('SIMILAR TO is not allowed (use LIKE or ILIKE)', location);
    default:
      throw new SqlRefusal('ANY / ALL with arrays is not allowed (use IN)', location);
  }
};

const translateFunction = (body: AstBody, ctx: ExprContext, state: State): Typed => {
  const names = namesOf(body.funcname);
  const location = body.location;
  // Only the parser writes pg_catalog before a function (TRIM(x), SUBSTRING(x FROM 1)); a user who
  // writes pg_catalog.anything() is refused like any other schema.
  const sqlSyntax = body.funcformat === 'COERCE_SQL_SYNTAX' && names.length === 2 && names[0] === 'pg_catalog';
  if (names.length !== 1 && !sqlSyntax) {
    throw new SqlRefusal(
      `function ${names.join('.')} is not allowed: functions are called by bare name (allowed: ${allowedFunctionNames()})`,
      location,
    );
  }
  const name = (names[names.length - 1] ?? '').toLowerCase();
  onlyFields(body, ['funcname', 'args', 'agg_star', 'agg_distinct', 'funcformat'], {
    agg_order: 'ORDER BY inside an aggregate',
    agg_filter: 'FILTER (WHERE …) on an aggregate',
    over: 'window functions (OVER)',
    agg_within_group: 'WITHIN GROUP',
    func_variadic: 'VARIADIC',
  });
  const args = (body.args as unknown[] | undefined) ?? [];
  const aggregate = AGGREGATES[name];
  if (aggregate) {
    if (!ctx.aggregates) throw new SqlRefusal(`aggregate ${name}() is not allowed in ${ctx.clause}`, location);
    if (state.inAggregate) throw new SqlRefusal(`aggregate ${name}() inside another aggregate is not allowed`, location);
    const distinct = body.agg_distinct ? 'DISTINCT ' : '';
    if (body.agg_star) {
      if (name !== 'count') throw new SqlRefusal(`${name}(*) is not allowed; only count(*)`, location);
      return { sql: 'count(*)', type: 'numeric', ungrouped: [], aggregate: true, name };
    }
    if (args.length !== 1) throw new SqlRefusal(`${name}() takes one argument`, location);
    const arg = translate(args[0], ctx, { depth: state.depth + 1, inAggregate: true });
    let value: Typed;
    if (aggregate.arg === 'any') value = isLit(arg) ? coerce(arg, naturalType(arg.literal), ctx) : arg;
    else if (aggregate.arg === 'ordered') {
      if (!isLit(arg) && arg.type === 'jsonb') {
        throw new SqlRefusal(
          `${name}() of a json value: say which kind, e.g. ${name}(meta.x::numeric) or ${name}(meta.x::text)`,
          location,
        );
      }
      value = isLit(arg) ? coerce(arg, naturalType(arg.literal), ctx) : arg;
    } else value = coerce(arg, aggregate.arg, ctx);
    const type = aggregate.returns === 'same' ? value.type : aggregate.returns;
    // Columns inside an aggregate need no GROUP BY.
    return { sql: `${name}(${distinct}${value.sql})`, type, ungrouped: [], aggregate: true, name };
  }
  if (body.agg_star || body.agg_distinct) throw new SqlRefusal(`${name}() is not an aggregate`, location);
  const spec = SCALAR_FUNCTIONS[name];
  if (!spec) throw new SqlRefusal(`function ${name}() is not allowed; allowed: ${allowedFunctionNames()}`, location);
  const min = spec.args.length - (spec.optional ?? 0);
  if (args.length < min || args.length > spec.args.length) {
    throw new SqlRefusal(
      `${name}() takes ${min === spec.args.length ? min : `${min} to ${spec.args.length}`} arguments, not ${args.length}`,
      location,
    );
  }
  const translated = args.map((arg, index) => {
    const type = spec.args[index] ?? 'text';
    const value = translate(arg, ctx, state);
    if (type === 'int') {
      const number = coerce(value, 'numeric', ctx);
      return { ...number, sql: `(${number.sql})::int` };
    }
    return coerce(value, type, ctx);
  });
  return typed(`${spec.sql}(${translated.map((arg) => arg.sql).join(', ')})`, spec.returns, translated, { name });
};

const translateCase = (body: AstBody, ctx: ExprContext, state: State): Typed => {
  onlyFields(body, ['arg', 'args', 'defresult']);
  const whens = ((body.args as unknown[] | undefined) ?? []).map((node) => {
    const [, when] = unwrap(node);
    return { condition: translate(when.expr, ctx, state), result: translate(when.result, ctx, state) };
  });
  const otherwise = body.defresult === undefined ? null : translate(body.defresult, ctx, state);
  const results = unify([...whens.map((w) => w.result), ...(otherwise ? [otherwise] : [])], ctx, body.location);
  let conditions: Typed[];
  let subject: Typed | null = null;
  if (body.arg !== undefined) {
    const [first, ...rest] = unify([translate(body.arg, ctx, state), ...whens.map((w) => w.condition)], ctx, body.location);
    subject = first as Typed;
    conditions = rest;
  } else {
    conditions = whens.map((w) => coerce(w.condition, 'boolean', ctx));
  }
  const parts = conditions.map((condition, index) => `WHEN ${condition.sql} THEN ${results[index]?.sql}`);
  const elseSql = otherwise ? ` ELSE ${results[results.length - 1]?.sql}` : '';
  const type = results[0]?.type ?? 'text';
  return typed(`(CASE ${subject ? `${subject.sql} ` : ''}${parts.join(' ')}${elseSql} END)`, type, [
    ...(subject ? [subject] : []),
    ...conditions,
    ...results,
  ]);
};

/**
 * Translates one expression of the parse tree into SQL over the dataset's rows. Every node kind,
 * operator, function and cast is on a whitelist; everything else is refused with its position.
 */
export const translate = (node: unknown, ctx: ExprContext, state: State = { depth: 0, inAggregate: false }): Translated => {
  if (state.depth > MAX_DEPTH)
    throw new SqlRefusal(`the expression is nested more than ${MAX_DEPTH} levels deep`, locationOf(node));
  const inner = { ...state, depth: state.depth + 1 };
  let result: Translated;
  try {
    result = translateNode(node, ctx, inner);
  } catch (error) {
    // Refusals raised without a place (type conversions) point at the innermost node around them.
    if (error instanceof SqlRefusal && error.location === undefined && locationOf(node) !== undefined) {
      throw new SqlRefusal(error.message, locationOf(node));
    }
    throw error;
  }
  if (!isLit(result) && ctx.groupKeys?.has(result.sql)) return { ...result, ungrouped: [] };
  return result;
};

const translateNode = (node: unknown, ctx: ExprContext, state: State): Translated => {
  const [kind, body] = unwrap(node);
  const location = body.location;
  switch (kind) {
    case 'A_Const':
      return { literal: constOf(body), location };
    case 'ParamRef': {
      const n = Number(body.number);
      if (!(n >= 1 && n <= ctx.userParams.length)) {
        throw new SqlRefusal(`parameter $${n} was not given (${ctx.userParams.length} given)`, location);
      }
      return { literal: literalOfParam(ctx.userParams[n - 1], n, location), location };
    }
    case 'ColumnRef': {
      const fields = (body.fields as unknown[] | undefined) ?? [];
      const parts = fields.map((field) => {
        const [partKind, part] = unwrap(field);
        if (partKind !== 'String') throw new SqlRefusal(`* is only allowed as a SELECT item`, location);
        return String(part.sval ?? '');
      });
      const column = resolveColumn(ctx.scope, parts, ctx.params, location);
      return {
        sql: column.sql,
        type: column.type,
        asText: column.asText,
        name: column.name,
        ungrouped: state.inAggregate ? [] : [{ name: column.name, location }],
        aggregate: false,
      };
    }
    case 'A_Expr':
      return translateAExpr(body, ctx, state);
    case 'BoolExpr': {
      const args = ((body.args as unknown[] | undefined) ?? []).map((arg) => coerce(translate(arg, ctx, state), 'boolean', ctx));
      if (body.boolop === 'NOT_EXPR') return typed(`(NOT ${args[0]?.sql})`, 'boolean', args);
      const op = body.boolop === 'AND_EXPR' ? ' AND ' : ' OR ';
      return typed(`(${args.map((arg) => arg.sql).join(op)})`, 'boolean', args);
    }
    case 'NullTest': {
      const arg = translate(body.arg, ctx, state);
      const value = isLit(arg) ? coerce(arg, naturalType(arg.literal), ctx) : arg;
      const test = body.nulltesttype === 'IS_NOT_NULL' ? 'IS NOT NULL' : 'IS NULL';
      return typed(`(${value.sql} ${test})`, 'boolean', [value]);
    }
    case 'BooleanTest': {
      const tests: Record<string, string> = {
        IS_TRUE: 'IS TRUE',
        IS_NOT_TRUE: 'IS NOT TRUE',
        IS_FALSE: 'IS FALSE',
        IS_NOT_FALSE: 'IS NOT FALSE',
        IS_UNKNOWN: 'IS UNKNOWN',
        IS_NOT_UNKNOWN: 'IS NOT UNKNOWN',
      };
      const value = coerce(translate(body.arg, ctx, state), 'boolean', ctx);
      return typed(`(${value.sql} ${tests[String(body.booltesttype)] ?? 'IS TRUE'})`, 'boolean', [value]);
    }
    case 'CoalesceExpr': {
      const args = unify(
        ((body.args as unknown[] | undefined) ?? []).map((arg) => translate(arg, ctx, state)),
        ctx,
        location,
      );
      return typed(`COALESCE(${args.map((arg) => arg.sql).join(', ')})`, args[0]?.type ?? 'text', args, { name: 'coalesce' });
    }
    case 'MinMaxExpr': {
      const args = unify(
        ((body.args as unknown[] | undefined) ?? []).map((arg) => translate(arg, ctx, state)),
        ctx,
        location,
      );
      const fn = body.op === 'IS_LEAST' ? 'LEAST' : 'GREATEST';
      return typed(`${fn}(${args.map((arg) => arg.sql).join(', ')})`, args[0]?.type ?? 'text', args, { name: fn.toLowerCase() });
    }
    case 'CaseExpr':
      return translateCase(body, ctx, state);
    case 'TypeCast':
      return translateCast(body, ctx, state);
    case 'FuncCall':
      return translateFunction(body, ctx, state);
    default: {
      const what = NODE_NAMES[kind] ?? kind;
      throw new SqlRefusal(`${what} ${what.endsWith('s') ? 'are' : 'is'} not allowed in datasetSql`, location);
    }
  }
};

/** Translates and converts to one type in one step (WHERE → boolean, …). */
export const translateAs = (node: unknown, type: SqlType, ctx: ExprContext): Typed => {
  try {
    return coerce(translate(node, ctx), type, ctx);
  } catch (error) {
    if (error instanceof SqlRefusal && error.location === undefined) {
      throw new SqlRefusal(`${ctx.clause}: ${error.message}`, locationOf(node));
    }
    throw error;
  }
};
