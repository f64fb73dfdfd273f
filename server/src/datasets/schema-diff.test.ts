import { describe, expect, it } from 'vitest';
import { parseDatasetFields } from './dataset-fields.js';
import { describeViolation, diffFields } from './schema-diff.js';

const before = parseDatasetFields([
  { name: 'q', type: 'text', required: true },
  { name: 'n', type: 'text' },
  { name: 'old', type: 'long' },
  { name: 'meta', type: 'json' },
]);

describe('diffFields', () => {
  it('finds added, removed and changed fields and the checks existing records need', () => {
    const after = parseDatasetFields([
      { name: 'q', type: 'text', required: true, embedding: true },
      { name: 'n', type: 'long', required: true },
      { name: 'meta', type: 'json', jsonKeys: ['a'] },
      { name: 'label', type: 'text', required: true },
      { name: 'note', type: 'text' },
    ]);
    expect(diffFields(before, after)).toEqual({
      added: ['label', 'note'],
      removed: ['old'],
      changed: ['q', 'n', 'meta'],
      checks: [
        { field: 'old', kind: 'removed', droppable: true },
        // Required after the change: its value cannot be dropped.
        { field: 'n', kind: 'long', droppable: false },
        { field: 'n', kind: 'required', droppable: false },
        { field: 'label', kind: 'required', droppable: false },
      ],
      searchRelevant: true,
    });
  });

  it('needs no reindex when only a required flag changes, and no checks when a field becomes optional', () => {
    const relaxed = before.map((field) => ({ ...field, required: false }));
    expect(diffFields(before, relaxed)).toMatchObject({ changed: ['q'], checks: [], searchRelevant: false });
    expect(diffFields(before, before)).toEqual({ added: [], removed: [], changed: [], checks: [], searchRelevant: false });
    const toText = parseDatasetFields([
      { name: 'q', type: 'text', required: true },
      { name: 'n', type: 'text' },
      { name: 'old', type: 'double' },
      { name: 'meta', type: 'text' },
    ]);
    expect(diffFields(before, toText).checks).toEqual([
      { field: 'old', kind: 'double', droppable: true },
      { field: 'meta', kind: 'text', droppable: true },
    ]);
  });
});

describe('describeViolation', () => {
  it('says what the value is and what the field holds', () => {
    expect(describeViolation('long', 'string')).toBe('is a string; a long field holds whole numbers');
    expect(describeViolation('long', 'number')).toBe('is not a safe integer; a long field holds whole numbers');
    expect(describeViolation('text', 'object')).toBe('is an object; a text field holds strings');
    expect(describeViolation('required', null)).toMatch(/required/);
  });
});
