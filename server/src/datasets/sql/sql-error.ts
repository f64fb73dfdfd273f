import { InvalidInputError } from '../../errors/app-error.js';

/** Where in the statement something is, for humans: 1-based, in characters (not bytes). */
export type SqlPosition = { position: number; line: number; column: number };

/**
 * A statement datasetSql refuses or cannot run. An INVALID_INPUT error (issue path `sql`) that
 * also says where: the message ends with "at line L, column C" and the position is a field.
 */
export class DatasetSqlError extends InvalidInputError {
  readonly position: SqlPosition | null;

  constructor(message: string, position: SqlPosition | null = null) {
    super([{ path: 'sql', message: position ? `${message} (at line ${position.line}, column ${position.column})` : message }]);
    this.name = 'DatasetSqlError';
    this.position = position;
  }
}

/**
 * Thrown while walking the syntax tree: a refusal at a byte offset of the statement (the parser
 * reports UTF-8 byte offsets). Turned into a DatasetSqlError with a character position by
 * positionOf once the source text is at hand.
 */
export class SqlRefusal extends Error {
  readonly location: number | undefined;

  constructor(message: string, location?: number) {
    super(message);
    this.name = 'SqlRefusal';
    this.location = location !== undefined && location >= 0 ? location : undefined;
  }
}

/** Converts the parser's byte offset into a 1-based character position, line and column. */
export const positionOf = (sql: string, byteOffset: number | undefined): SqlPosition | null => {
  if (byteOffset === undefined || byteOffset < 0) return null;
  const before = Buffer.from(sql, 'utf8').subarray(0, byteOffset).toString('utf8');
  const lines = before.split('\n');
  const last = lines[lines.length - 1] ?? '';
  return { position: [...before].length + 1, line: lines.length, column: [...last].length + 1 };
};

export const toDatasetSqlError = (sql: string, refusal: SqlRefusal) =>
  new DatasetSqlError(refusal.message, positionOf(sql, refusal.location));
