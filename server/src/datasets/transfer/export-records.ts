import type { Principal } from '../../auth/principal.js';
import type { SqlClient } from '../../db/sql-client.js';
import { NotFoundError } from '../../errors/app-error.js';
import { type DatasetField, storedFields } from '../dataset-fields.js';
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

/**
 * The dataset's records as JSONL or CSV text chunks, in id (creation) order, read page by page by
 * keyset, so memory stays at one page whatever the size. JSONL lines are the records' data (plus
 * `id` with includeId); CSV has a header of the fields. What it writes, import reads back.
 */
export async function* exportRecords(
  sql: SqlClient,
  dataset: { id: string; projectId: string; fields: DatasetField[] },
  options: { format: ImportFormat; includeId: boolean },
): AsyncGenerator<string> {
  const columns = dataset.fields.map((field) => field.name);
  if (options.format === 'csv') {
    yield `${[...(options.includeId ? ['id'] : []), ...columns].map((name) => csvCell(null, name)).join(',')}\n`;
  }
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await sql.query<{ id: string; data: Record<string, unknown> }>(
      `SELECT id::text, data FROM "DatasetRecord"
       WHERE "projectId" = $1::uuid AND "datasetId" = $2::uuid AND id > $3::uuid
       ORDER BY id LIMIT ${PAGE}`,
      [dataset.projectId, dataset.id, after],
    );
    if (page.length === 0) return;
    let chunk = '';
    for (const record of page) {
      if (options.format === 'jsonl') {
        chunk += `${JSON.stringify(options.includeId ? { id: record.id, ...record.data } : record.data)}\n`;
      } else {
        const cells = dataset.fields.map((field) => csvCell(field, record.data[field.name]));
        chunk += `${[...(options.includeId ? [csvCell(null, record.id)] : []), ...cells].join(',')}\n`;
      }
    }
    yield chunk;
    after = (page[page.length - 1] as { id: string }).id;
    if (page.length < PAGE) return;
  }
}
