import type { Principal } from '../../auth/principal.js';
import type { SqlClient } from '../../db/sql-client.js';
import { NotFoundError } from '../../errors/app-error.js';
import { type DatasetField, storedFields } from '../dataset-fields.js';
import { readSnapshotRecords } from '../snapshots.js';
import type { ImportFormat } from './import-records.js';

const PAGE = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A CSV cell, always quoted so commas, quotes and newlines survive; absent is an empty cell. */
const csvCell = (field: DatasetField | null, value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = field?.type === 'json' ? JSON.stringify(value) : String(value);
  return `"${text.replaceAll('"', '""')}"`;
};

/**
 * The dataset's fields, or NOT_FOUND outside the caller's project. Call before streaming, so a
 * missing dataset is a clean 404 and not a broken download.
 */
export const exportableDataset = async (sql: SqlClient, principal: Pick<Principal, 'projectId'>, datasetId: string) => {
  if (!UUID.test(datasetId)) throw new NotFoundError('Dataset', datasetId);
  const [row] = await sql.query<{ fields: unknown }>(
    `SELECT fields FROM "Dataset" WHERE id = $1::uuid AND "projectId" = $2::uuid`,
    [datasetId, principal.projectId],
  );
  if (!row) throw new NotFoundError('Dataset', datasetId);
  return { id: datasetId, projectId: principal.projectId, fields: storedFields(row.fields) };
};

/** One record to write: its id and data. */
type ExportRow = { id: string; data: Record<string, unknown> };

/**
 * Records as JSONL or CSV text chunks, one chunk per page of `pages`. JSONL lines are the records'
 * data (plus `id` with includeId); CSV has a header of the fields. What it writes, import reads back.
 */
async function* formatRecords(
  fields: DatasetField[],
  options: { format: ImportFormat; includeId: boolean },
  pages: AsyncIterable<ExportRow[]>,
): AsyncGenerator<string> {
  if (options.format === 'csv') {
    const columns = fields.map((field) => field.name);
    yield `${[...(options.includeId ? ['id'] : []), ...columns].map((name) => csvCell(null, name)).join(',')}\n`;
  }
  for await (const page of pages) {
    let chunk = '';
    for (const record of page) {
      if (options.format === 'jsonl') {
        chunk += `${JSON.stringify(options.includeId ? { id: record.id, ...record.data } : record.data)}\n`;
      } else {
        const cells = fields.map((field) => csvCell(field, record.data[field.name]));
        chunk += `${[...(options.includeId ? [csvCell(null, record.id)] : []), ...cells].join(',')}\n`;
      }
    }
    yield chunk;
  }
}

/** Pages of a keyset-ordered source until a short page; memory stays at one page. */
async function* keysetPages(read: (after: string) => Promise<ExportRow[]>): AsyncGenerator<ExportRow[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await read(after);
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    after = (page[page.length - 1] as ExportRow).id;
  }
}

/** The dataset's current records in id (creation) order. */
export const exportRecords = (
  sql: SqlClient,
  dataset: { id: string; projectId: string; fields: DatasetField[] },
  options: { format: ImportFormat; includeId: boolean },
): AsyncGenerator<string> =>
  formatRecords(
    dataset.fields,
    options,
    keysetPages((after) =>
      sql.query<ExportRow>(
        `SELECT id::text, data FROM "DatasetRecord"
         WHERE "projectId" = $1::uuid AND "datasetId" = $2::uuid AND id > $3::uuid
         ORDER BY id LIMIT ${PAGE}`,
        [dataset.projectId, dataset.id, after],
      ),
    ),
  );

/**
 * A snapshot's records exactly as it froze them (the data of each recorded version, with the
 * fields the snapshot was taken with), in record id order, so an export of a snapshot taken before
 * later edits still shows the values an evaluation of it read.
 */
export const exportSnapshotRecords = (
  sql: SqlClient,
  snapshot: { id: string; projectId: string; fields: DatasetField[] },
  options: { format: ImportFormat; includeId: boolean },
): AsyncGenerator<string> =>
  formatRecords(
    snapshot.fields,
    options,
    keysetPages(async (after) =>
      (await readSnapshotRecords(sql, snapshot.projectId, snapshot.id, { after, limit: PAGE })).map((record) => ({
        id: record.recordId,
        data: record.data as Record<string, unknown>,
      })),
    ),
  );

/**
 * The snapshot of the dataset that `ref` names (its id, its GraphQL ID or its name), with the
 * fields it was taken with; NOT_FOUND when the dataset has no such snapshot in the caller's project.
 * An id names a snapshot before a name does, so a snapshot named like another's id cannot shadow it.
 */
export const exportableSnapshot = async (
  sql: SqlClient,
  principal: Pick<Principal, 'projectId'>,
  datasetId: string,
  ref: string,
) => {
  const dataset = await exportableDataset(sql, principal, datasetId);
  const id = snapshotIdOf(ref);
  const rows = await sql.query<{ id: string; name: string; fields: unknown }>(
    `SELECT id::text, name, fields FROM "DatasetSnapshot"
     WHERE "projectId" = $1::uuid AND "datasetId" = $2::uuid AND (id = $3::uuid OR name = $4)
     ORDER BY (id = $3::uuid) IS TRUE DESC LIMIT 1`,
    [principal.projectId, dataset.id, id, ref],
  );
  const [row] = rows;
  if (!row) throw new NotFoundError('DatasetSnapshot', ref);
  return { id: row.id, name: row.name, projectId: principal.projectId, fields: storedFields(row.fields) };
};

/** A snapshot id as the API shows it (GraphQL ID) or as SQL does (uuid); null when `ref` is neither. */
const snapshotIdOf = (ref: string): string | null => {
  if (UUID.test(ref)) return ref.toLowerCase();
  const decoded = Buffer.from(ref, 'base64url').toString('utf8');
  const match = /^DatasetSnapshot:([0-9a-f-]{36})$/i.exec(decoded);
  return match?.[1] && UUID.test(match[1]) && Buffer.from(decoded, 'utf8').toString('base64url') === ref ? match[1] : null;
};
