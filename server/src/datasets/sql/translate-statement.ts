import type { AstBody } from './ast.js';
import type { StatementNode } from './parse-statement.js';
import type { SqlTarget } from './sql-target.js';
import { type SelectPlan, translateSelect } from './translate-select.js';
import {
  type DeletePlan,
  type InsertPlan,
  translateDelete,
  translateInsert,
  translateUpdate,
  type UpdatePlan,
} from './translate-write.js';

export type SqlPlan = SelectPlan | InsertPlan | UpdatePlan | DeletePlan;
export type SqlKind = SqlPlan['kind'];

/** SELECT reads (viewer role); the others write (member role). Known before any dataset is read. */
export const statementKind = (stmt: StatementNode): SqlKind => {
  if ('SelectStmt' in stmt) return 'SELECT';
  if ('InsertStmt' in stmt) return 'INSERT';
  if ('UpdateStmt' in stmt) return 'UPDATE';
  return 'DELETE';
};

/**
 * Translates one parsed statement on `target` into a plan: generated SQL whose every user value
 * is a bind parameter and whose every row is filtered by project and dataset, or rows to insert.
 * Throws SqlRefusal (with the parser's byte offset) for anything outside the whitelist.
 */
export const translateStatement = (target: SqlTarget, stmt: StatementNode, userParams: readonly unknown[]): SqlPlan => {
  if ('SelectStmt' in stmt) return translateSelect(target, stmt.SelectStmt as AstBody, userParams);
  if ('InsertStmt' in stmt) return translateInsert(target, stmt.InsertStmt as AstBody, userParams);
  if ('UpdateStmt' in stmt) return translateUpdate(target, stmt.UpdateStmt as AstBody, userParams);
  return translateDelete(target, stmt.DeleteStmt as AstBody, userParams);
};
