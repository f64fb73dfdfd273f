import { z } from 'zod';
import type { Actor, Principal } from '../../auth/principal.js';
import { roleAtLeast } from '../../auth/roles.js';
import type { SqlClient, SqlSession } from '../../db/sql-client.js';
import { sqlAuditedTransaction } from '../../domain/sql-audited-transaction.js';
import { validate } from '../../domain/validate.js';
import { ForbiddenError, NotFoundError } from '../../errors/app-error.js';
import type { AppPubSub } from '../../pubsub/create-pubsub.js';
import { storedFields } from '../dataset-fields.js';
import { deleteRecords, insertRecords, lockDatasetForWrite, updateRecords } from '../record-writes.js';
import type { SqlType } from './dataset-scope.js';
import { parseStatement } from './parse-statement.js';
import { DatasetSqlError, SqlRefusal, toDatasetSqlError } from './sql-error.js';
import type { SqlTarget } from './sql-target.js';
import { type SqlKind, type SqlPlan, statementKind, translateStatement } from './translate-statement.js';

/** How long one statement may run; analysis over a large dataset is fine, a runaway scan is not. */
export const STATEMENT_TIMEOUT_MS = 10_000;
/** Bound parameters ($1 …) one statement may take. */
export const MAX_PARAMS = 1000;

export type DatasetSqlResult = {
  kind: SqlKind;
  /** SELECT: output column names, in order. */
  columns: string[];
  /** SELECT: rows as arrays of JSON values, in column order. */
  rows: unknown[][];
  /** SELECT: more rows matched than the row cap returns. */
  truncated: boolean;
  /** Rows returned (SELECT) or records inserted, matched by UPDATE, or deleted. */
  affectedRows: number;
  /** Ids of the records written (INSERT, UPDATE, DELETE). */
  recordIds: string[];
};

const input = z.object({
  datasetId: z.string(),
  sql: z.string().trim().min(1, 'must not be empty'),
  params: z.array(z.json()).max(MAX_PARAMS, `at most ${MAX_PARAMS} parameters`).nullish(),
});

export type DatasetSqlInput = z.input<typeof input>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SQLSTATE classes that mean "this statement cannot run on this data", not "the server is broken". */
const STATEMENT_ERRORS = /^(22|42|54|2F|0A)/;

/**
 * Runs generated SQL, turning Postgres' refusals of the statement (a division by zero, a
 * json value that is not an array, DISTINCT with ORDER BY of an unselected column, the timeout)
 * into INVALID_INPUT errors. Anything else is a server fault and stays masked.
 */
const runGuarded = async <Row>(tx: SqlSession, sql: string, params: unknown[]): Promise<Row[]> => {
  try {
    return await tx.query<Row>(sql, params);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === '57014') {
      throw new DatasetSqlError(`the statement ran longer than ${STATEMENT_TIMEOUT_MS / 1000} s and was cancelled`);
    }
    if (typeof code === 'string' && STATEMENT_ERRORS.test(code)) {
      throw new DatasetSqlError(`the statement failed: ${(error as Error).message}`);
    }
    throw error;
  }
};

const loadTarget = async (tx: SqlSession, projectId: string, datasetId: string, lock: boolean): Promise<SqlTarget> => {
  if (!UUID.test(datasetId)) throw new NotFoundError('Dataset', datasetId);
  const fields = lock ? (await lockDatasetForWrite(tx, projectId, datasetId)).fields : null;
  const [row] = await tx.query<{ name: string; fields: unknown }>(
    `SELECT name, fields FROM "Dataset" WHERE id = $1::uuid AND "projectId" = $2::uuid`,
    [datasetId, projectId],
  );
  if (!row) throw new NotFoundError('Dataset', datasetId);
  return { projectId, datasetId, dataset: { name: row.name, fields: fields ?? storedFields(row.fields) } };
};

const plan = (sql: string, target: SqlTarget, stmt: Parameters<typeof translateStatement>[1], params: unknown[]): SqlPlan => {
  try {
    return translateStatement(target, stmt, params);
  } catch (error) {
    if (error instanceof SqlRefusal) throw toDatasetSqlError(sql, error);
    throw error;
  }
};

/** A value as the driver returns it, as JSON: numeric and bigint arrive as strings from pg. */
const jsonValue = (value: unknown, type: SqlType): unknown => {
  if (value === null || value === undefined) return null;
  if (type === 'numeric' && (typeof value === 'string' || typeof value === 'bigint')) return Number(value);
  return value;
};

const timeout = (tx: SqlSession) => tx.query(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);

/**
 * datasetSql: one SELECT, INSERT, UPDATE or DELETE on one dataset of the caller's project.
 * SELECT needs the viewer role and runs in a read-only transaction; writes need member, go
 * through the record write path (versions, search outbox) and are audited.
 */
export const runDatasetSql = async (
  deps: { sql: SqlClient; pubsub: AppPubSub | null },
  principal: Principal,
  actor: Actor,
  raw: DatasetSqlInput,
): Promise<DatasetSqlResult> => {
  const { datasetId, sql, params } = validate(input, raw);
  const userParams = params ?? [];
  const stmt = await parseStatement(sql);
  const kind = statementKind(stmt);
  if (kind !== 'SELECT' && !roleAtLeast(principal.role, 'member')) {
    throw new ForbiddenError(
      `datasetSql ${kind} requires the 'member' role or stronger; this key has the '${principal.role}' role`,
    );
  }

  if (kind === 'SELECT') {
    return deps.sql.transaction(async (tx) => {
      // Defence in depth: even a translation bug could not write from here.
      await tx.query('SET TRANSACTION READ ONLY');
      await timeout(tx);
      const target = await loadTarget(tx, principal.projectId, datasetId, false);
      const select = plan(sql, target, stmt, userParams);
      if (select.kind !== 'SELECT') throw new Error('unreachable');
      const rows = await runGuarded<Record<string, unknown>>(tx, select.sql, select.params);
      const truncated = select.capped && rows.length > select.maxRows;
      const kept = rows.slice(0, select.maxRows);
      return {
        kind,
        columns: select.columns,
        rows: kept.map((row) => select.columnTypes.map((type, index) => jsonValue(row[`c${index}`], type))),
        truncated,
        affectedRows: kept.length,
        recordIds: [],
      };
    });
  }

  return sqlAuditedTransaction(deps, actor, async (tx) => {
    await timeout(tx);
    const target = await loadTarget(tx, principal.projectId, datasetId, true);
    const writable = { id: datasetId, projectId: principal.projectId, fields: [...target.dataset.fields] };
    const write = plan(sql, target, stmt, userParams);
    let recordIds: string[];
    switch (write.kind) {
      case 'INSERT':
        recordIds = (await insertRecords(tx, actor, writable, write.rows, { path: 'values' })).map((r) => r.id);
        break;
      case 'UPDATE': {
        const rows = await runGuarded<Record<string, unknown>>(tx, write.sql, write.params);
        const changes = rows.map((row) => ({
          id: String(row.id),
          expectedVersion: Number(row.version),
          data: Object.fromEntries(write.fields.map((field, index) => [field.name, jsonValue(row[`v${index}`], field.type)])),
        }));
        await updateRecords(tx, actor, writable, changes, { mode: 'merge', path: 'set' });
        recordIds = changes.map((change) => change.id);
        break;
      }
      case 'DELETE': {
        const rows = await runGuarded<{ id: string }>(tx, write.sql, write.params);
        recordIds = await deleteRecords(
          tx,
          actor,
          writable,
          rows.map((row) => row.id),
          { ifMissing: 'ignore' },
        );
        break;
      }
      default:
        throw new Error('unreachable');
    }
    return {
      result: { kind, columns: [], rows: [], truncated: false, affectedRows: recordIds.length, recordIds },
      audit: [
        {
          projectId: principal.projectId,
          action: 'dataset.sql',
          entityType: 'Dataset',
          entityId: datasetId,
          summary: {
            statement: kind,
            sql: sql.length > 2000 ? `${sql.slice(0, 2000)}…` : sql,
            affectedRows: recordIds.length,
            recordIds: recordIds.slice(0, 100),
          },
        },
      ],
    };
  });
};
