import type { SourceRow } from './source-row.js';

/**
 * Splits a JSONL byte stream into rows without ever holding more than one row (up to maxRowBytes)
 * in memory: a longer line is reported as that row's error and its bytes are skipped as they
 * arrive, so a 100 MB line costs nothing. Rows are numbered by line (1-based); blank lines are
 * skipped but still counted, so numbers match what an editor shows.
 */
export async function* jsonlRows(body: AsyncIterable<Buffer | string>, maxRowBytes: number): AsyncGenerator<SourceRow> {
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let line = 0;
  let first = true;

  const finish = (): SourceRow | null => {
    line++;
    if (oversized) {
      oversized = false;
      return { row: line, error: { field: null, message: `is longer than ${maxRowBytes} bytes; the line was skipped` } };
    }
    let buffer = Buffer.concat(parts, size);
    parts = [];
    size = 0;
    if (first) {
      first = false;
      if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) buffer = buffer.subarray(3);
    }
    const text = buffer.toString('utf8').replace(/\r$/, '');
    if (text.trim() === '') return null;
    try {
      return { row: line, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { row: line, error: { field: null, message: `is not valid JSON: ${(error as Error).message}` } };
    }
  };

  for await (const chunk of body) {
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (;;) {
      const newline = data.indexOf(0x0a);
      const piece = newline === -1 ? data : data.subarray(0, newline);
      if (!oversized) {
        if (size + piece.length > maxRowBytes) {
          oversized = true;
          parts = [];
          size = 0;
        } else if (piece.length > 0) {
          // Copy: the stream may reuse its chunk buffers.
          parts.push(Buffer.from(piece));
          size += piece.length;
        }
      }
      if (newline === -1) break;
      const row = finish();
      if (row) yield row;
      data = data.subarray(newline + 1);
    }
  }
  if (size > 0 || oversized) {
    const row = finish();
    if (row) yield row;
  }
}
