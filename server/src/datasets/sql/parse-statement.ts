import { hasSqlDetails, loadModule, type Node, parseSync } from 'libpg-query';
import { DatasetSqlError, positionOf } from './sql-error.js';

/**
 * The longest statement accepted, in bytes. Parsing is linear but not free (a 1 MB IN list takes
 * over a second on the WebAssembly parser), and datasetSql is for queries and fixes: bulk loads
 * go through the import.
 */
export const MAX_SQL_BYTES = 256 * 1024;

let loaded: Promise<void> | null = null;

/** The parser is Postgres' own (libpg_query compiled to WebAssembly), loaded once per process. */
const ensureParser = () => {
  loaded ??= loadModule().catch((error: unknown) => {
    loaded = null;
    throw error;
  });
  return loaded;
};

/** Statement kinds datasetSql runs; every other kind is refused by name. */
export type StatementNode = { SelectStmt: unknown } | { InsertStmt: unknown } | { UpdateStmt: unknown } | { DeleteStmt: unknown };

const describeKind: Record<string, string> = {
  CreateStmt: 'CREATE TABLE',
  CreateTableAsStmt: 'CREATE TABLE AS',
  DropStmt: 'DROP',
  AlterTableStmt: 'ALTER TABLE',
  TruncateStmt: 'TRUNCATE',
  VariableSetStmt: 'SET',
  VariableShowStmt: 'SHOW',
  CopyStmt: 'COPY',
  TransactionStmt: 'transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT)',
  DoStmt: 'DO',
  CallStmt: 'CALL',
  ExplainStmt: 'EXPLAIN',
  GrantStmt: 'GRANT / REVOKE',
  CreateFunctionStmt: 'CREATE FUNCTION',
  MergeStmt: 'MERGE',
  LockStmt: 'LOCK',
  ListenStmt: 'LISTEN',
  NotifyStmt: 'NOTIFY',
  PrepareStmt: 'PREPARE',
  ExecuteStmt: 'EXECUTE',
  VacuumStmt: 'VACUUM / ANALYZE',
  CreateExtensionStmt: 'CREATE EXTENSION',
};

const ALLOWED = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt']);

/**
 * Parses exactly one SELECT, INSERT, UPDATE or DELETE. Syntax errors, several statements and
 * every other kind of statement are refused with a DatasetSqlError that says where.
 */
export const parseStatement = async (sql: string): Promise<StatementNode> => {
  const bytes = Buffer.byteLength(sql, 'utf8');
  if (bytes > MAX_SQL_BYTES) {
    throw new DatasetSqlError(`is ${bytes} bytes; at most ${MAX_SQL_BYTES} are allowed (use the import for bulk loads)`);
  }
  if (sql.includes('\u0000')) throw new DatasetSqlError('must not contain the NUL character (U+0000)');
  if (sql.trim() === '') throw new DatasetSqlError('is empty: write one SELECT, INSERT, UPDATE or DELETE');
  await ensureParser();
  let stmts: { stmt?: Node; stmt_location?: number }[];
  try {
    stmts = parseSync(sql).stmts ?? [];
  } catch (error) {
    if (hasSqlDetails(error) && error.sqlDetails) {
      throw new DatasetSqlError(`syntax error: ${error.sqlDetails.message}`, positionOf(sql, error.sqlDetails.cursorPosition));
    }
    // "memory exhausted", or a tree too deep to convert: the statement is nested beyond reason.
    throw new DatasetSqlError(`could not be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (stmts.length === 0) throw new DatasetSqlError('is empty: write one SELECT, INSERT, UPDATE or DELETE');
  if (stmts.length > 1) {
    throw new DatasetSqlError(
      `has ${stmts.length} statements; datasetSql runs exactly one`,
      positionOf(sql, stmts[1]?.stmt_location ?? undefined),
    );
  }
  const stmt = stmts[0]?.stmt as Record<string, unknown> | undefined;
  const kind = stmt ? Object.keys(stmt)[0] : undefined;
  if (!stmt || !kind || !ALLOWED.has(kind)) {
    const what = (kind && describeKind[kind]) ?? `${(kind ?? 'this statement').replace(/Stmt$/, '')} statements`;
    throw new DatasetSqlError(
      `${what} is not allowed: datasetSql runs SELECT, INSERT, UPDATE and DELETE on the dataset`,
      positionOf(sql, stmts[0]?.stmt_location ?? 0),
    );
  }
  return stmt as StatementNode;
};
