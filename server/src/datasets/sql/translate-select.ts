import { type AstBody, locationOf, onlyFields, unwrap } from './ast.js';
import { fieldSql, ROW, resolveTable, type Scope, type SqlType } from './dataset-scope.js';
import { SqlRefusal } from './sql-error.js';
import { SqlParams } from './sql-params.js';
import type { SqlTarget } from './sql-target.js';
import { coerce, type ExprContext, isLit, type Typed, translate, translateAs } from './translate-expression.js';

/** The most rows one SELECT returns; more are cut off and reported as truncated. */
export const MAX_ROWS = 1000;
/** The most columns one SELECT returns (a dataset has at most 200 fields, plus id). */
export const MAX_COLUMNS = 300;

export type SelectPlan = {
  kind: 'SELECT';
  sql: string;
  params: unknown[];
  columns: string[];
  /** Per column, how to read the driver's value back into JSON (numeric arrives as a string). */
  columnTypes: SqlType[];
  /** Rows to return at most; the statement fetches one more to know whether it truncated. */
  maxRows: number;
  /** Whether more rows than maxRows mean "truncated by the cap" (false when the user's LIMIT is the cap). */
  capped: boolean;
};

/** The part of every statement that keeps it in its dataset; $1 and $2 are always these. */
export const scopeParams = (target: SqlTarget) => {
  const params = new SqlParams();
  params.add(target.projectId, 'uuid');
  params.add(target.datasetId, 'uuid');
  return params;
};

export const SCOPE_SQL = `${ROW}."projectId" = $1::uuid AND ${ROW}."datasetId" = $2::uuid`;

/** Checks FROM: exactly one table, the dataset. */
export const resolveFrom = (target: SqlTarget, from: unknown[] | undefined, location?: number): Scope => {
  if (!from || from.length === 0) {
    throw new SqlRefusal(`FROM is required: SELECT … FROM "${target.dataset.name}" (or FROM dataset)`, location);
  }
  if (from.length > 1) throw new SqlRefusal('joins are not allowed: FROM names the dataset only', locationOf(from[1]));
  const [kind, body] = unwrap(from[0]);
  const names: Record<string, string> = {
    JoinExpr: 'joins are',
    RangeSubselect: 'subqueries in FROM are',
    RangeFunction: 'functions in FROM are',
    RangeTableFunc: 'XMLTABLE is',
    RangeTableSample: 'TABLESAMPLE is',
    JsonTable: 'JSON_TABLE is',
  };
  if (kind !== 'RangeVar') throw new SqlRefusal(`${names[kind] ?? `${kind} is`} not allowed in FROM`, locationOf(from[0]));
  return resolveTable(target.dataset, body);
};

/** LIMIT / OFFSET: a constant non-negative integer, or ALL (null). */
const constantCount = (node: unknown, clause: string, ctx: ExprContext): number | null => {
  if (node === undefined) return null;
  const [kind, body] = unwrap(node);
  let literal = null;
  if (kind === 'A_Const') literal = translate(node, ctx);
  else if (kind === 'ParamRef') literal = translate(node, ctx);
  if (!literal || !isLit(literal)) throw new SqlRefusal(`${clause} takes a constant number`, body.location);
  if (literal.literal.kind === 'null') return null;
  const value = literal.literal.kind === 'number' ? Number(literal.literal.value) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new SqlRefusal(`${clause} takes a non-negative integer`, body.location);
  }
  return value;
};

type Item = { value: Typed; name: string; node: unknown };

const expandStar = (scope: Scope, parts: string[], ctx: ExprContext, location?: number): Item[] => {
  if (parts.length > 0 && !scope.qualifiers.some((q) => q.toLowerCase() === parts[0]?.toLowerCase())) {
    throw new SqlRefusal(`unknown table "${parts.join('.')}" in ${parts.join('.')}.*`, location);
  }
  const id: Item = {
    value: { sql: `${ROW}.id`, type: 'uuid', ungrouped: [{ name: 'id', location }], aggregate: false },
    name: 'id',
    node: undefined,
  };
  return [
    id,
    ...scope.dataset.fields.map((field) => {
      const column = fieldSql(field, ctx.params);
      return {
        value: { sql: column.sql, type: column.type, ungrouped: [{ name: column.name, location }], aggregate: false },
        name: column.name,
        node: undefined,
      };
    }),
  ];
};

const selectItems = (targetList: unknown[], scope: Scope, ctx: ExprContext): Item[] =>
  targetList.flatMap((node): Item[] => {
    const [, target] = unwrap(node);
    onlyFields(target, ['name', 'val'], { indirection: 'subscripts on SELECT items' });
    const [valKind, val] = unwrap(target.val);
    if (valKind === 'ColumnRef') {
      const fields = (val.fields as unknown[] | undefined) ?? [];
      const last = fields[fields.length - 1];
      if (last && unwrap(last)[0] === 'A_Star') {
        const parts = fields.slice(0, -1).map((f) => String(unwrap(f)[1].sval ?? ''));
        return expandStar(scope, parts, ctx, val.location);
      }
    }
    const translated = translate(target.val, ctx);
    const value = isLit(translated) ? coerce(translated, literalType(translated.literal.kind), ctx) : translated;
    return [{ value, name: typeof target.name === 'string' ? target.name : (value.name ?? '?column?'), node: target.val }];
  });

const literalType = (kind: string): SqlType =>
  kind === 'number' ? 'numeric' : kind === 'boolean' ? 'boolean' : kind === 'json' ? 'jsonb' : 'text';

/** An ORDER BY / GROUP BY item that names a SELECT item by position (ORDER BY 2) or output name. */
const selectItemOf = (node: unknown, items: Item[], clause: string, preferOutputNames: boolean, scope: Scope): Item | null => {
  const [kind, body] = unwrap(node);
  if (kind === 'A_Const' && body.ival !== undefined) {
    const position = Number((body.ival as { ival?: number }).ival ?? 0);
    const item = items[position - 1];
    if (!item)
      throw new SqlRefusal(`${clause} position ${position} is not in the SELECT list (1 to ${items.length})`, body.location);
    return item;
  }
  if (kind === 'ColumnRef') {
    const fields = (body.fields as unknown[] | undefined) ?? [];
    if (fields.length !== 1) return null;
    const name = String(unwrap(fields[0])[1].sval ?? '');
    const isColumn = name.toLowerCase() === 'id' || scope.dataset.fields.some((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!preferOutputNames && isColumn) return null;
    return items.find((item) => item.node !== undefined && item.name === name) ?? null;
  }
  return null;
};

const SORT_DIRECTIONS: Record<string, string> = { SORTBY_ASC: ' ASC', SORTBY_DESC: ' DESC', SORTBY_DEFAULT: '' };
const SORT_NULLS: Record<string, string> = {
  SORTBY_NULLS_FIRST: ' NULLS FIRST',
  SORTBY_NULLS_LAST: ' NULLS LAST',
  SORTBY_NULLS_DEFAULT: '',
};

/**
 * Translates a SELECT on the dataset into one parameterised statement over its records.
 * The generated WHERE always starts with the project and dataset ids ($1, $2).
 */
export const translateSelect = (target: SqlTarget, body: AstBody, userParams: readonly unknown[]): SelectPlan => {
  onlyFields(
    body,
    [
      'targetList',
      'fromClause',
      'whereClause',
      'groupClause',
      'havingClause',
      'sortClause',
      'limitCount',
      'limitOffset',
      'limitOption',
      'op',
      'distinctClause',
    ],
    {
      withClause: 'WITH (common table expressions)',
      intoClause: 'SELECT INTO',
      lockingClause: 'FOR UPDATE / FOR SHARE',
      windowClause: 'WINDOW',
      valuesLists: 'VALUES lists',
      larg: 'UNION, INTERSECT and EXCEPT',
      rarg: 'UNION, INTERSECT and EXCEPT',
      groupDistinct: 'GROUP BY DISTINCT',
    },
    0,
  );
  if (body.op !== undefined && body.op !== 'SETOP_NONE') throw new SqlRefusal('UNION, INTERSECT and EXCEPT are not allowed', 0);
  if (body.limitOption === 'LIMIT_OPTION_WITH_TIES')
    throw new SqlRefusal('FETCH … WITH TIES is not allowed', locationOf(body.limitCount));
  const distinct = (body.distinctClause as unknown[] | undefined) ?? [];
  if (distinct.some((item) => item && Object.keys(item as object).length > 0)) {
    throw new SqlRefusal('DISTINCT ON is not allowed (use DISTINCT or GROUP BY)', locationOf(distinct));
  }
  const targetList = (body.targetList as unknown[] | undefined) ?? [];
  const scope = resolveFrom(target, body.fromClause as unknown[] | undefined, locationOf(targetList) ?? 0);
  const params = scopeParams(target);
  const base: ExprContext = { scope, params, userParams, clause: 'the SELECT list', aggregates: true, groupKeys: null };

  const whereSql = body.whereClause
    ? translateAs(body.whereClause, 'boolean', { ...base, clause: 'WHERE', aggregates: false }).sql
    : null;

  // GROUP BY first: its expressions decide which columns the other clauses may use bare.
  const groupNodes = (body.groupClause as unknown[] | undefined) ?? [];
  const groupCtx: ExprContext = { ...base, clause: 'GROUP BY', aggregates: false };
  const preliminaryItems = groupNodes.length > 0 ? selectItems(targetList, scope, { ...base, clause: 'the SELECT list' }) : [];
  const groupSql = groupNodes.map((node) => {
    const [kind, groupBody] = unwrap(node);
    if (kind === 'GroupingSet') throw new SqlRefusal('ROLLUP, CUBE and GROUPING SETS are not allowed', groupBody.location);
    const item = selectItemOf(node, preliminaryItems, 'GROUP BY', false, scope);
    if (item) {
      if (item.value.aggregate) throw new SqlRefusal('GROUP BY cannot use an aggregate', locationOf(node));
      return item.value.sql;
    }
    const translated = translate(node, groupCtx);
    return (isLit(translated) ? coerce(translated, literalType(translated.literal.kind), groupCtx) : translated).sql;
  });
  const groupKeys = new Set(groupSql);
  const ctx: ExprContext = { ...base, groupKeys };

  const items = selectItems(targetList, scope, ctx);
  if (items.length === 0) throw new SqlRefusal('SELECT needs at least one column', 0);
  if (items.length > MAX_COLUMNS) throw new SqlRefusal(`at most ${MAX_COLUMNS} columns can be selected`, 0);

  const having = body.havingClause ? translateAs(body.havingClause, 'boolean', { ...ctx, clause: 'HAVING' }) : null;

  const orders = ((body.sortClause as unknown[] | undefined) ?? []).map((node) => {
    const [, sort] = unwrap(node);
    onlyFields(sort, ['node', 'sortby_dir', 'sortby_nulls'], { useOp: 'ORDER BY … USING' });
    const item = selectItemOf(sort.node, items, 'ORDER BY', true, scope);
    let value: Typed;
    if (item) value = item.value;
    else {
      const translated = translate(sort.node, { ...ctx, clause: 'ORDER BY' });
      if (isLit(translated))
        throw new SqlRefusal('ORDER BY a constant sorts nothing; name a column or a position', locationOf(sort.node));
      value = translated;
    }
    return {
      value,
      sql: `${value.sql}${SORT_DIRECTIONS[String(sort.sortby_dir)] ?? ''}${SORT_NULLS[String(sort.sortby_nulls)] ?? ''}`,
      node: sort.node,
    };
  });

  const grouped = groupNodes.length > 0 || items.some((i) => i.value.aggregate) || Boolean(having?.aggregate);
  if (grouped) {
    for (const value of [...items.map((i) => i.value), ...(having ? [having] : []), ...orders.map((o) => o.value)]) {
      const [use] = value.ungrouped;
      if (use) throw new SqlRefusal(`column ${use.name} must appear in GROUP BY or be used in an aggregate`, use.location);
    }
  }

  const limitCtx = { ...ctx, clause: 'LIMIT' };
  const limit = constantCount(body.limitCount, 'LIMIT', limitCtx);
  const offset = constantCount(body.limitOffset, 'OFFSET', { ...ctx, clause: 'OFFSET' });
  const capped = limit === null || limit > MAX_ROWS;
  const maxRows = capped ? MAX_ROWS : limit;

  const sql = [
    `SELECT ${distinct.length > 0 ? 'DISTINCT ' : ''}${items.map((item, index) => `${item.value.sql} AS "c${index}"`).join(', ')}`,
    `FROM "DatasetRecord" ${ROW}`,
    `WHERE ${SCOPE_SQL}${whereSql ? ` AND ${whereSql}` : ''}`,
    groupSql.length > 0 ? `GROUP BY ${groupSql.join(', ')}` : null,
    having ? `HAVING ${having.sql}` : null,
    orders.length > 0 ? `ORDER BY ${orders.map((o) => o.sql).join(', ')}` : null,
    `LIMIT ${params.add(String(capped ? MAX_ROWS + 1 : maxRows), 'bigint')}`,
    offset ? `OFFSET ${params.add(String(offset), 'bigint')}` : null,
  ]
    .filter((part) => part !== null)
    .join(' ');
  return {
    kind: 'SELECT',
    sql,
    params: params.values,
    columns: items.map((item) => item.name),
    columnTypes: items.map((item) => item.value.type),
    maxRows,
    capped,
  };
};
