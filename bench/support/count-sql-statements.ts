import pg from 'pg';

export type StatementCounter = {
  /** Statements sent by any pg client in this process since the counter was installed. */
  count(): number;
  restore(): void;
};

/**
 * Counts every statement pg sends, Prisma's included (its adapter queries through the same pool),
 * by wrapping Client#query. Benchmarks only: the server itself is not changed, and a count read
 * around one request at a time (nothing else in flight) is that request's statements.
 */
export const countSqlStatements = (): StatementCounter => {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  let statements = 0;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    statements++;
    return original.apply(this, args);
  };
  return {
    count: () => statements,
    restore: () => {
      prototype.query = original;
    },
  };
};
