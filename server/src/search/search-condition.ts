import { InvalidInputError } from '../errors/app-error.js';
import type { FilterNode, FilterValue } from './search-filter.js';

/**
 * The SQL-style condition of a search (`score >= 3 AND meta.lang IN ('en', 'fr')`): the WHERE clause
 * of a SELECT on the dataset, in the subset Meilisearch can evaluate. Parsed here into a FilterNode
 * (never passed on as text), so only known fields and quoted values reach Meilisearch.
 *
 * condition := or
 * or        := and (OR and)*
 * and       := unary (AND unary)*
 * unary     := NOT unary | '(' or ')' | predicate
 * predicate := field (= | != | <> | < | <= | > | >=) literal
 *            | field [NOT] IN '(' literal (, literal)* ')'
 *            | field [NOT] BETWEEN number AND number
 *            | field IS [NOT] NULL
 * field     := name(.name)* | "quoted name"      literal := 'text' ('' escapes ') | number | TRUE | FALSE
 */

export const MAX_CONDITION_LENGTH = 10_000;

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: 'quoted'; text: string; at: number }
  | { type: 'string'; text: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: 'symbol'; text: string; at: number }
  | { type: 'end'; at: number };

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'IS', 'NULL', 'TRUE', 'FALSE']);

const tokenize = (text: string, fail: (at: number, message: string) => never): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/u.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) fail(i, 'unterminated string (strings are in single quotes; write a quote as two)');
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ type: 'string', text: value, at: i });
      i = j + 1;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) fail(i, 'unterminated quoted field name');
      tokens.push({ type: 'quoted', text: text.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (/[0-9]/.test(c) || ((c === '-' || c === '+' || c === '.') && /[0-9.]/.test(text[i + 1] ?? ''))) {
      const match = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?/i.exec(text.slice(i));
      const value = Number(match?.[0]);
      if (!match || !Number.isFinite(value)) fail(i, 'not a number');
      tokens.push({ type: 'number', value, at: i });
      i += match[0].length;
    } else if (/[\p{L}_]/u.test(c)) {
      const match = /^[\p{L}_][\p{L}\p{N}_-]*(\.[\p{L}_][\p{L}\p{N}_-]*)*/u.exec(text.slice(i));
      const word = match?.[0] ?? c;
      tokens.push({ type: 'word', text: word, at: i });
      i += word.length;
    } else {
      const symbol = ['<=', '>=', '<>', '!='].find((s) => text.startsWith(s, i)) ?? c;
      if (!['<=', '>=', '<>', '!=', '=', '<', '>', '(', ')', ','].includes(symbol)) {
        fail(i, `unexpected character ${JSON.stringify(c)}`);
      }
      tokens.push({ type: 'symbol', text: symbol, at: i });
      i += symbol.length;
    }
  }
  tokens.push({ type: 'end', at: text.length });
  return tokens;
};

/** Parses a SQL-style condition; errors point at the character (`path` names the input). */
export const parseCondition = (text: string, path: string): FilterNode => {
  const fail = (at: number, message: string): never => {
    throw new InvalidInputError([{ path, message: `${message} at character ${at + 1}` }]);
  };
  if (text.length > MAX_CONDITION_LENGTH) {
    throw new InvalidInputError([{ path, message: `must be at most ${MAX_CONDITION_LENGTH} characters` }]);
  }
  const tokens = tokenize(text, fail);
  let position = 0;
  const peek = () => tokens[position] as Token;
  const next = () => tokens[position++] as Token;
  const isKeyword = (token: Token, keyword: string) => token.type === 'word' && token.text.toUpperCase() === keyword;
  const isSymbol = (token: Token, symbol: string) => token.type === 'symbol' && token.text === symbol;
  const describe = (token: Token) =>
    token.type === 'end' ? 'the end' : token.type === 'number' ? String(token.value) : JSON.stringify(token.text);
  const expectKeyword = (keyword: string) => {
    const token = next();
    if (!isKeyword(token, keyword)) fail(token.at, `expected ${keyword}, found ${describe(token)}`);
  };
  const expectSymbol = (symbol: string) => {
    const token = next();
    if (!isSymbol(token, symbol)) fail(token.at, `expected "${symbol}", found ${describe(token)}`);
  };

  const literal = (): FilterValue => {
    const token = next();
    if (token.type === 'string') return token.text;
    if (token.type === 'number') return token.value;
    if (isKeyword(token, 'TRUE')) return true;
    if (isKeyword(token, 'FALSE')) return false;
    return fail(token.at, `expected a value ('text', a number, TRUE or FALSE), found ${describe(token)}`);
  };
  const number = (): number => {
    const token = next();
    if (token.type !== 'number') return fail(token.at, `expected a number, found ${describe(token)}`);
    return token.value;
  };

  const predicate = (): FilterNode => {
    const token = next();
    let field: string;
    if (token.type === 'quoted') field = token.text;
    else if (token.type === 'word' && !KEYWORDS.has(token.text.toUpperCase())) field = token.text;
    else return fail(token.at, `expected a field name, found ${describe(token)}`);
    const after = next();
    if (after.type === 'symbol' && ['=', '!=', '<>', '<', '<=', '>', '>='].includes(after.text)) {
      const op = after.text === '<>' ? '!=' : (after.text as '=' | '!=' | '<' | '<=' | '>' | '>=');
      return { kind: 'compare', field, op, value: literal() };
    }
    let negated = false;
    let keyword = after;
    if (isKeyword(after, 'NOT')) {
      negated = true;
      keyword = next();
    }
    if (isKeyword(keyword, 'IN')) {
      expectSymbol('(');
      const values = [literal()];
      while (isSymbol(peek(), ',')) {
        next();
        values.push(literal());
      }
      expectSymbol(')');
      return { kind: 'in', field, values, negated };
    }
    if (isKeyword(keyword, 'BETWEEN')) {
      const low = number();
      expectKeyword('AND');
      const between: FilterNode = { kind: 'between', field, low, high: number() };
      return negated ? { kind: 'not', child: between } : between;
    }
    if (!negated && isKeyword(keyword, 'IS')) {
      const not = isKeyword(peek(), 'NOT');
      if (not) next();
      expectKeyword('NULL');
      // Records store no nulls (a null value means the field is absent), so IS NULL is "does not exist".
      return { kind: 'exists', field, negated: !not };
    }
    return fail(
      keyword.at,
      `expected an operator (=, !=, <, <=, >, >=, IN, BETWEEN, IS NULL) after "${field}", found ${describe(keyword)}`,
    );
  };

  const unary = (depth: number): FilterNode => {
    if (depth > 50) fail(peek().at, 'nested too deeply');
    if (isKeyword(peek(), 'NOT')) {
      next();
      return { kind: 'not', child: unary(depth + 1) };
    }
    if (isSymbol(peek(), '(')) {
      next();
      const inner = or(depth + 1);
      expectSymbol(')');
      return inner;
    }
    return predicate();
  };
  const and = (depth: number): FilterNode => {
    const children = [unary(depth)];
    while (isKeyword(peek(), 'AND')) {
      next();
      children.push(unary(depth));
    }
    return children.length === 1 ? (children[0] as FilterNode) : { kind: 'and', children };
  };
  const or = (depth: number): FilterNode => {
    const children = [and(depth)];
    while (isKeyword(peek(), 'OR')) {
      next();
      children.push(and(depth));
    }
    return children.length === 1 ? (children[0] as FilterNode) : { kind: 'or', children };
  };

  if (peek().type === 'end') fail(0, 'is empty');
  const tree = or(0);
  const rest = peek();
  if (rest.type !== 'end') fail(rest.at, `unexpected ${describe(rest)} (conditions are joined with AND or OR)`);
  return tree;
};
