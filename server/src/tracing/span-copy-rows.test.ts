import { describe, expect, it } from 'vitest';
import { makeSpan } from '../../../test/support/span-factory.js';
import type { NormalizedSpan } from './normalized-span.js';
import { encodeSpanCopyRows, SPAN_COPY_COLUMNS } from './span-copy-rows.js';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const PLACEMENT = { applicationId: '00000000-0000-4000-8000-000000000002', deploymentId: null };

// Fixed ids and times: the rows are read back field by field.
const span = (overrides: Partial<NormalizedSpan>): NormalizedSpan =>
  makeSpan({
    traceId: 'a'.repeat(32),
    spanId: 'b'.repeat(16),
    endTime: new Date('2026-11-21T10:00:01.500Z'),
    status: 'OK',
    ...overrides,
  });

const UNESCAPE: Record<string, string> = { t: '\t', n: '\n', r: '\r', '\\': '\\' };

/** PostgreSQL's reading of COPY text format: rows by newline, fields by tab, \N for NULL. */
const parseCopyText = (bytes: Buffer) =>
  bytes
    .toString('utf8')
    .split('\n')
    .slice(0, -1)
    .map((line) => {
      const fields = line
        .split('\t')
        .map((field) => (field === '\\N' ? null : field.replace(/\\(.)/g, (_, c) => UNESCAPE[c] ?? c)));
      return Object.fromEntries(SPAN_COPY_COLUMNS.map((column, i) => [column, fields[i]]));
    });

describe('encodeSpanCopyRows', () => {
  it('writes one row per span, every column in order, with separators and backslashes escaped', () => {
    const rows = parseCopyText(
      encodeSpanCopyRows(
        PROJECT,
        [
          span({ name: 'tab\there', input: 'line one\nline two\r\n', output: 'C:\\path', inputTokens: 12, cost: 0.25 }),
          span({ spanId: 'c'.repeat(16), attributes: { quote: 'say "hi"\\now' }, tags: ['a,b', 'c"d'] }),
        ],
        [PLACEMENT, PLACEMENT],
      ),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      projectId: PROJECT,
      name: 'tab\there',
      input: 'line one\nline two\r\n',
      output: 'C:\\path',
      inputTokens: '12',
      cost: '0.25',
      durationMs: '1500',
      deploymentId: null,
      outputTokens: null,
    });
    expect(JSON.parse(rows[1]?.attributes as string)).toEqual({ quote: 'say "hi"\\now' });
    expect(rows[1]?.tags).toBe('{"a,b","c\\"d"}');
  });

  it('keeps multi-byte text whole in rows far longer than the buffer it starts with', () => {
    const long = '日本語のテキスト 🙂 '.repeat(20_000);
    const spans = [span({ input: 'short' }), span({ spanId: 'd'.repeat(16), input: long, output: `${long}end` })];
    const bytes = encodeSpanCopyRows(PROJECT, spans, [PLACEMENT, PLACEMENT]);
    const rows = parseCopyText(bytes);
    expect(rows.map((row) => row.input)).toEqual(['short', long]);
    expect(rows[1]?.output).toBe(`${long}end`);
    // Exactly the UTF-8 of the rows: no bytes left over from growing the buffer.
    expect(bytes.length).toBe(Buffer.byteLength(bytes.toString('utf8')));
  });

  it('stores U+0000, which COPY cannot carry, as U+FFFD in text and JSON columns', () => {
    const [row] = parseCopyText(
      encodeSpanCopyRows(PROJECT, [span({ output: 'a\u0000b', metadata: { note: 'c\u0000d' } })], [PLACEMENT]),
    );
    expect(row?.output).toBe('a\ufffdb');
    expect(JSON.parse(row?.metadata as string)).toEqual({ note: 'c\ufffdd' });
  });

  it('stores a lone surrogate as U+FFFD, as PostgreSQL would have it', () => {
    const [row] = parseCopyText(encodeSpanCopyRows(PROJECT, [span({ input: 'cut \ud83d' })], [PLACEMENT]));
    expect(row?.input).toBe('cut \ufffd');
  });
});
