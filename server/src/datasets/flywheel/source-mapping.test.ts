import { describe, expect, it } from 'vitest';
import { parseDatasetFields } from '../dataset-fields.js';
import { checkMapping, convertFor, mapSource, parseSource, type SourceRow } from './source-mapping.js';

const fields = parseDatasetFields([
  { name: 'q', type: 'text' },
  { name: 'n', type: 'long' },
  { name: 'x', type: 'double' },
  { name: 'meta', type: 'json' },
]);
const [text, long, double, json] = fields;

describe('parseSource', () => {
  it('knows columns, metadata paths and score names, and nothing else', () => {
    expect(parseSource('input')).toEqual({ kind: 'column', column: 'input' });
    expect(parseSource('metadata.customer.tier')).toEqual({ kind: 'metadata', path: ['customer', 'tier'] });
    expect(parseSource('metadata')).toEqual({ kind: 'metadata', path: [] });
    expect(parseSource('score.toxicity')).toEqual({ kind: 'score', name: 'toxicity' });
    expect(parseSource('inputs')).toBeNull();
    expect(parseSource('metadata..x')).toBeNull();
    expect(parseSource('score.')).toBeNull();
  });
});

describe('convertFor', () => {
  it('converts only where it is unambiguous', () => {
    if (!text || !long || !double || !json) throw new Error('fields');
    expect(convertFor(text, 3)).toBe('3');
    expect(convertFor(text, { a: 1 })).toBe('{"a":1}');
    expect(convertFor(long, '42')).toBe(42);
    expect(convertFor(long, 'forty')).toBe('forty');
    expect(convertFor(double, ' ')).toBe(' ');
    expect(convertFor(json, '{"a":[1]}')).toEqual({ a: [1] });
    expect(convertFor(json, 'plain text')).toBe('plain text');
    expect(convertFor(text, undefined)).toBeNull();
  });
});

describe('mapSource and checkMapping', () => {
  it('maps a source row and names unknown or repeated fields', () => {
    const row: SourceRow = {
      columns: { input: 'hi', output: '{"k":1}', durationMs: 12.5 } as SourceRow['columns'],
      metadata: { tenant: 'acme', deep: { n: '7' } },
      scores: new Map([['toxicity', { value: 0.9, label: null }]]),
    };
    const { mappings, issues } = checkMapping(fields, [
      { field: 'q', source: 'metadata.tenant' },
      { field: 'n', source: 'metadata.deep.n' },
      { field: 'x', source: 'score.toxicity' },
      { field: 'meta', source: 'output' },
    ]);
    expect(issues).toEqual([]);
    expect(mapSource(fields, mappings, row)).toEqual({ q: 'acme', n: 7, x: 0.9, meta: { k: 1 } });
    expect(
      checkMapping(fields, [
        { field: 'q', source: 'input' },
        { field: 'q', source: 'output' },
        { field: 'zz', source: 'input' },
      ]).issues,
    ).toEqual([
      { path: 'mapping.1.field', message: '"q" is mapped twice' },
      { path: 'mapping.2.field', message: '"zz" is not a field of this dataset (fields: q, n, x, meta)' },
    ]);
  });
});
