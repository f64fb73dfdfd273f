import { describe, expect, it } from 'vitest';
import { parseDatasetFields } from './dataset-fields.js';
import { validateRecordData } from './validate-record.js';

const fields = parseDatasetFields([
  { name: 'question', type: 'text', required: true },
  { name: 'n', type: 'long' },
  { name: 'x', type: 'double' },
  { name: 'meta', type: 'json' },
]);

const problems = (data: unknown) => {
  const result = validateRecordData(fields, data);
  return result.ok ? [] : result.problems;
};

describe('validateRecordData', () => {
  it('accepts typed values and drops nulls of optional fields', () => {
    expect(validateRecordData(fields, { question: 'q', n: 3, x: 0.5, meta: null })).toEqual({
      ok: true,
      data: { question: 'q', n: 3, x: 0.5 },
    });
    expect(validateRecordData(fields, { question: 'q', meta: [1, { a: null }], x: 2 })).toMatchObject({ ok: true });
  });

  it('names the field and what was expected', () => {
    expect(problems({ question: 1 })).toEqual([{ field: 'question', message: 'must be a string (text field), got number 1' }]);
    expect(problems({ question: 'q', n: 1.5 })).toEqual([
      { field: 'n', message: 'must be an integer (long field), got number 1.5' },
    ]);
    expect(problems({ question: 'q', n: 2 ** 53 })[0]?.message).toMatch(/safe integer/);
    expect(problems({ question: 'q', x: '1' })[0]?.field).toBe('x');
    expect(problems({ question: 'q', x: Number.POSITIVE_INFINITY })[0]?.message).toMatch(/finite/);
  });

  it('refuses missing required fields, unknown fields and id', () => {
    expect(problems({ n: 1 })).toEqual([{ field: 'question', message: 'is required' }]);
    expect(problems({ question: null })).toEqual([{ field: 'question', message: 'is required' }]);
    expect(problems({ question: 'q', questoin: 'typo' })[0]).toMatchObject({ field: 'questoin', message: /not a field/ });
    expect(problems({ question: 'q', id: 'x' })[0]).toMatchObject({ field: 'id', message: /generated/ });
  });

  it('refuses non-objects, NUL characters and oversized records', () => {
    expect(problems([1])).toEqual([{ field: null, message: 'must be a JSON object, got an array' }]);
    expect(problems({ question: 'a\u0000b' })[0]?.message).toMatch(/NUL/);
    expect(problems({ question: 'q', meta: { deep: ['\u0000'] } })[0]?.field).toBe('meta');
    expect(problems({ question: 'x'.repeat(5 * 1024 * 1024) })[0]?.message).toMatch(/bytes as JSON/);
  });
});

describe('parseDatasetFields', () => {
  const issues = (input: Parameters<typeof parseDatasetFields>[0]) => {
    try {
      parseDatasetFields(input);
      return [];
    } catch (error) {
      return (error as { issues: { path: string; message: string }[] }).issues;
    }
  };

  it('normalises options per type', () => {
    expect(
      parseDatasetFields([
        { name: 'q', type: 'text', chn: true },
        { name: 'm', type: 'json', jsonKeys: ['a.b'] },
      ]),
    ).toEqual([
      { name: 'q', type: 'text', required: false, options: { chn: true, embedding: false } },
      { name: 'm', type: 'json', required: false, options: { jsonKeys: ['a.b'] } },
    ]);
  });

  it('points at the offending field and option', () => {
    expect(issues([{ name: 'n', type: 'long', chn: true }])).toEqual([
      { path: 'fields.0.chn', message: 'only text fields take chn' },
    ]);
    expect(issues([{ name: 'q', type: 'text', jsonKeys: ['a'] }])[0]?.path).toBe('fields.0.jsonKeys');
    expect(issues([{ name: 'm', type: 'json', jsonKeys: ['a..b'] }])[0]?.path).toBe('fields.0.jsonKeys.0');
    expect(issues([{ name: 'id', type: 'text' }])[0]?.message).toMatch(/built in/);
    expect(issues([{ name: '9x', type: 'text' }])[0]?.path).toBe('fields.0.name');
    expect(
      issues([
        { name: 'a', type: 'text' },
        { name: 'A', type: 'long' },
      ])[0],
    ).toEqual({
      path: 'fields.1.name',
      message: '"A" is already field 0',
    });
    expect(issues([{ name: 'a', type: 'blob' as 'text' }])[0]?.path).toBe('fields.0.type');
  });
});
