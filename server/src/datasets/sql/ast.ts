import { SqlRefusal } from './sql-error.js';

/** A parse-tree node as libpg_query emits it: `{ NodeKind: { ...fields } }`. */
export type AstNode = Record<string, unknown>;
export type AstBody = Record<string, unknown> & { location?: number };

/** The kind and fields of a node, e.g. ['A_Expr', { kind, name, lexpr, rexpr, location }]. */
export const unwrap = (node: unknown): [string, AstBody] => {
  if (!node || typeof node !== 'object') throw new SqlRefusal('unexpected empty expression');
  const [kind] = Object.keys(node);
  if (!kind) throw new SqlRefusal('unexpected empty expression');
  return [kind, ((node as AstNode)[kind] ?? {}) as AstBody];
};

/** Best-effort location of a node, for error messages. */
export const locationOf = (node: unknown): number | undefined => {
  if (Array.isArray(node)) return locationOf(node[0]);
  if (!node || typeof node !== 'object') return undefined;
  const own = (node as AstBody).location;
  if (typeof own === 'number' && own >= 0) return own;
  const [, body] = unwrap(node);
  return typeof body.location === 'number' && body.location >= 0 ? body.location : undefined;
};

/** The strings of a name list such as FuncCall.funcname or A_Expr.name. */
export const namesOf = (list: unknown): string[] =>
  Array.isArray(list)
    ? list.map((item) => {
        const [kind, body] = unwrap(item);
        if (kind !== 'String') throw new SqlRefusal('unexpected name', locationOf(item));
        return String(body.sval ?? '');
      })
    : [];

const present = (value: unknown) =>
  Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== false;

/**
 * The whitelist at field level: a node datasetSql understands may still carry clauses it does
 * not (a window on a function call, a locking clause on a SELECT). Any field that is present and
 * not in `understood` is refused (described by `names`, else by its parser name), never ignored.
 */
export const onlyFields = (
  body: AstBody,
  understood: readonly string[],
  names: Record<string, string> = {},
  location: number | undefined = body.location,
): void => {
  for (const [field, value] of Object.entries(body)) {
    if (field === 'location' || understood.includes(field) || !present(value)) continue;
    throw new SqlRefusal(`${names[field] ?? field} is not allowed`, locationOf(value) ?? location);
  }
};

/** Where a node's text starts: the smallest location in its subtree (an operator's own location is its symbol). */
export const startOf = (node: unknown): number | undefined => {
  let min: number | undefined;
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'location' && typeof child === 'number' && child >= 0) min = min === undefined ? child : Math.min(min, child);
        else visit(child);
      }
    }
  };
  visit(node);
  return min;
};
