/**
 * The raw SQL seam under Prisma: set-based writes (COPY/unnest), migrations and health checks
 * go through it. Both the embedded PGlite database and a pg pool implement it.
 */
/**
 * A statement PostgreSQL parses and plans once per connection and then reuses, for the few that
 * run on every ingested batch or request: planning them each time cost more than executing some.
 * The name must be unique to the text (pg refuses one name with two texts on a connection).
 */
export type PreparedStatement = { readonly name: string; readonly text: string };

export const preparedStatement = (name: string, text: string): PreparedStatement => ({ name, text });

export interface SqlSession {
  /** One parameterised statement. */
  query<Row = Record<string, unknown>>(statement: string | PreparedStatement, params?: unknown[]): Promise<Row[]>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * `COPY <table> (<columns>) FROM STDIN` with rows in COPY's text format; resolves to the number
   * of rows stored. PostgreSQL's bulk load: the cheapest way to insert many rows.
   */
  copyFrom(copyStatement: string, rows: Buffer): Promise<number>;
}

export interface SqlClient extends SqlSession {
  /** Runs fn on one pinned connection, so session state (locks, BEGIN/COMMIT) holds across calls. */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Runs fn in a transaction: committed when it resolves, rolled back when it throws. Use this,
   * not BEGIN through withSession, for request-time work: on PGlite's single connection only
   * this keeps other requests' statements out of the transaction.
   */
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
}
