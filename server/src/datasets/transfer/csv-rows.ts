import { parse } from 'csv-parse';
import type { DatasetField } from '../dataset-fields.js';
import type { FieldProblem } from '../validate-record.js';
import type { SourceRow } from './source-row.js';

/** A CSV cell as the field's type; an empty cell is absent. Errors name what the cell should have been. */
const convertCell = (field: DatasetField, cell: string): { value: unknown } | { problem: string } => {
  if (cell === '') return { value: null };
  switch (field.type) {
    case 'text':
      return { value: cell };
    case 'long':
      return /^-?\d+$/.test(cell.trim())
        ? { value: Number(cell.trim()) }
        : { problem: `must be an integer (long field), got "${cell.slice(0, 40)}"` };
    case 'double': {
      const value = Number(cell.trim());
      return cell.trim() !== '' && Number.isFinite(value)
        ? { value }
        : { problem: `must be a number (double field), got "${cell.slice(0, 40)}"` };
    }
    case 'json':
      try {
        return { value: JSON.parse(cell) as unknown };
      } catch (error) {
        return { problem: `is not valid JSON: ${(error as Error).message}` };
      }
  }
};

/**
 * Reads CSV with a header row naming the dataset's fields, streaming (csv-parse), a record of at
 * most maxRowBytes. Cells become typed values; a bad cell is that row's error. Broken quoting or an
 * oversized record ends the file (the parser cannot resynchronise), reported at its row.
 */
export async function* csvRows(
  body: AsyncIterable<Buffer | string>,
  fields: readonly DatasetField[],
  maxRowBytes: number,
): AsyncGenerator<SourceRow> {
  // Fed chunk by chunk, so memory holds one chunk's records; records parsed before an error are
  // kept (a stream pipeline would drop the ones still buffered when the parser fails).
  const parser = parse({ bom: true, max_record_size: maxRowBytes, relax_column_count: true, skip_empty_lines: true });
  const parsed: string[][] = [];
  let failure: unknown = null;
  let ended = false;
  parser.on('data', (record: string[]) => parsed.push(record));
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('end', () => {
    ended = true;
  });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const byName = new Map(fields.map((field) => [field.name, field]));
  let header: string[] | null = null;
  let row = 0;

  function* rowsOf(records: string[][]): Generator<SourceRow, boolean> {
    for (const record of records) {
      if (!header) {
        header = record.map((name) => name.trim());
        const unknown = header.filter((name) => !byName.has(name));
        if (unknown.length > 0) {
          const message = `the header names columns that are not fields of this dataset: ${unknown.join(', ')} (fields: ${fields.map((f) => f.name).join(', ')})`;
          yield { row: 0, error: { field: unknown[0] ?? null, message }, fatal: true };
          return false;
        }
        continue;
      }
      row++;
      if (record.length !== header.length) {
        yield { row, error: { field: null, message: `has ${record.length} columns; the header has ${header.length}` } };
        continue;
      }
      const value: Record<string, unknown> = {};
      let problem: FieldProblem | null = null;
      header.forEach((name, i) => {
        const converted = convertCell(byName.get(name) as DatasetField, record[i] ?? '');
        if ('problem' in converted) problem ??= { field: name, message: converted.problem };
        else value[name] = converted.value;
      });
      yield problem ? { row, error: problem } : { row, value };
    }
    return true;
  }

  for await (const chunk of body) {
    parser.write(chunk);
    await settle();
    if (!(yield* rowsOf(parsed.splice(0)))) return;
    if (failure) break;
  }
  if (!failure) {
    parser.end();
    while (!ended && !failure) await settle();
  }
  if (!(yield* rowsOf(parsed.splice(0)))) return;
  if (failure) {
    const message = failure instanceof Error ? failure.message : String(failure);
    yield {
      row: row + 1,
      error: { field: null, message: `cannot be read as CSV: ${message}; the rest of the file was not read` },
      fatal: true,
    };
  }
}
