import { describe, expect, it } from 'vitest';
import { jsonlRows } from './jsonl-rows.js';

const collect = async (chunks: string[], max = 20) => {
  const rows = [];
  for await (const row of jsonlRows(
    (async function* () {
      yield* chunks.map((c) => Buffer.from(c));
    })(),
    max,
  ))
    rows.push(row);
  return rows;
};

describe('jsonlRows', () => {
  it('numbers rows by line, skips blank lines and a BOM, and joins lines split across chunks', async () => {
    expect(await collect(['\ufeff{"a":', '1}\r\n', '\n', '{"b":2}'])).toEqual([
      { row: 1, value: { a: 1 } },
      { row: 3, value: { b: 2 } },
    ]);
  });

  it('reports an over-long line as its row and goes on with the next', async () => {
    expect(await collect(['{"a":1}\n{"long":"', 'x'.repeat(30), 'x"}\n{"c":3}\n'])).toEqual([
      { row: 1, value: { a: 1 } },
      { row: 2, error: { field: null, message: 'is longer than 20 bytes; the line was skipped' } },
      { row: 3, value: { c: 3 } },
    ]);
  });

  it('reports a line that is not JSON', async () => {
    const [row] = await collect(['nope\n']);
    expect(row).toMatchObject({ row: 1, error: { field: null, message: expect.stringMatching(/^is not valid JSON/) } });
  });
});
