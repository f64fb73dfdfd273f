import { actorOf } from '../../auth/principal.js';
import { type DatasetSqlResult, runDatasetSql } from '../../datasets/sql/run-dataset-sql.js';
import { DatasetSqlError, type SqlPosition } from '../../datasets/sql/sql-error.js';
import { builder } from '../builder.js';
import { DatasetRef } from './dataset.js';
import { DatasetRecordRef } from './dataset-record.js';
import { ErrorInterface, FieldIssueRef, mutationErrors } from './errors.js';

const DatasetSqlKind = builder.enumType('DatasetSqlKind', {
  description: 'What kind of statement ran.',
  values: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const,
});

const SqlPositionRef = builder.objectRef<SqlPosition>('SqlPosition').implement({
  description: 'A place in the statement, counted in characters from 1.',
  fields: (t) => ({
    position: t.exposeInt('position', { description: 'Character offset from the start, 1-based.' }),
    line: t.exposeInt('line'),
    column: t.exposeInt('column'),
  }),
});

builder.objectType(DatasetSqlError, {
  name: 'DatasetSqlError',
  description:
    'datasetSql refused or could not run the statement: a syntax error, something outside what datasetSql allows (another table, a function with side effects, several statements, DDL, UPDATE without an id, …) or a value Postgres rejected. `position` says where, when known. Its code is INVALID_INPUT.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof DatasetSqlError,
  fields: (t) => ({
    issues: t.field({
      type: [FieldIssueRef],
      resolve: (error) => error.issues,
    }),
    position: t.field({ type: SqlPositionRef, nullable: true, resolve: (error) => error.position }),
  }),
});

const DatasetSqlResultRef = builder.objectRef<DatasetSqlResult>('DatasetSqlResult').implement({
  fields: (t) => ({
    kind: t.field({ type: DatasetSqlKind, resolve: (result) => result.kind }),
    columns: t.exposeStringList('columns', { description: 'SELECT: the output column names, in order; empty for writes.' }),
    rows: t.field({
      type: 'JSON',
      description: 'SELECT: the rows, each an array of JSON values in column order (at most 1000); empty for writes.',
      resolve: (result) => result.rows,
    }),
    truncated: t.exposeBoolean('truncated', {
      description: 'SELECT: more rows matched than the 1000 returned; narrow the query or page with LIMIT/OFFSET.',
    }),
    affectedRows: t.exposeInt('affectedRows', {
      description: 'Rows returned (SELECT), or records inserted, matched by UPDATE, or deleted.',
    }),
    recordIds: t.exposeStringList('recordIds', {
      description: "The written records' ids, as the `id` column shows them (INSERT, UPDATE, DELETE).",
    }),
    records: t.field({
      type: [DatasetRecordRef],
      nullable: { list: false, items: false },
      description: 'INSERT and UPDATE: the written records as they are now, in recordIds order; empty otherwise.',
      resolve: async (result, _args, ctx) => {
        if (result.kind !== 'INSERT' && result.kind !== 'UPDATE') return [];
        const rows = await ctx.prisma.datasetRecord.findMany({
          where: { id: { in: result.recordIds }, projectId: ctx.principal.projectId },
        });
        const byId = new Map(rows.map((row) => [row.id, row]));
        return result.recordIds.flatMap((id) => byId.get(id) ?? []);
      },
    }),
  }),
});

builder.mutationField('datasetSql', (t) =>
  t.field({
    type: DatasetSqlResultRef,
    // Reading needs viewer; runDatasetSql asks for member once it knows the statement writes.
    authScopes: { viewer: true },
    errors: { types: [DatasetSqlError, ...mutationErrors] },
    description: [
      'Runs one SQL statement on one dataset: SELECT (viewer role) or INSERT, UPDATE, DELETE (member role).',
      'The only table is the dataset, named by its name or `dataset`; its columns are `id` and the fields,',
      'json sub-fields by dot path (`meta.a.b`, quote to keep case: `meta."userName"`). WHERE, ORDER BY, LIMIT,',
      'OFFSET, GROUP BY, HAVING, DISTINCT and count/sum/avg/min/max are supported, with a whitelist of pure',
      'operators and functions. UPDATE and DELETE must name their records: `WHERE id = …` or `WHERE id IN (…)`.',
      'Writes keep every version and are audited. Bind values with `$1`, `$2`, … and `params`.',
    ].join(' '),
    args: {
      dataset: t.arg.globalID({ for: DatasetRef, required: true, description: 'The Dataset to run on.' }),
      sql: t.arg.string({ required: true }),
      params: t.arg({
        type: ['JSON'],
        required: false,
        description: 'Values of $1, $2, …: strings, numbers, booleans, null, or JSON objects/arrays for json comparisons.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      return runDatasetSql(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        datasetId: args.dataset.id,
        sql: args.sql,
        params: args.params as never,
      });
    },
  }),
);
