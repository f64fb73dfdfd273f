import { describe, expect, it } from 'vitest';
import type { DatasetField } from '../../datasets/dataset-fields.js';
import { resolveFieldMapping } from './record-field-mapping.js';
import { recordSample } from './record-sample.js';

const text = (name: string): DatasetField => ({ name, type: 'text', required: false, options: { chn: false, embedding: false } });
const json = (name: string): DatasetField => ({ name, type: 'json', required: false, options: { jsonKeys: [] } });

describe('record field mapping', () => {
  it('defaults to the conventional field names and puts every other field in metadata', () => {
    const fields = [text('input'), text('output'), text('expected_output'), json('context'), text('topic')];
    expect(resolveFieldMapping(fields, null)).toEqual({
      mapping: { input: 'input', output: 'output', expectedOutput: 'expected_output', context: 'context', metadata: ['topic'] },
      issues: [],
    });
  });

  it('takes named fields and dot paths into json fields, and names the part of a bad one', () => {
    const fields = [text('question'), text('answer'), json('meta')];
    expect(resolveFieldMapping(fields, { input: 'question', expectedOutput: 'meta.gold', metadata: ['answer'] })).toEqual({
      mapping: { input: 'question', expectedOutput: 'meta.gold', metadata: ['answer'] },
      issues: [],
    });
    expect(resolveFieldMapping(fields, { output: 'reply', input: 'question.x' }).issues).toEqual([
      { path: 'fieldMapping.input', message: '"question" is a text field; only json fields have sub-fields' },
      { path: 'fieldMapping.output', message: 'no field "reply" in the snapshot (its fields: question, answer, meta)' },
    ]);
  });
});

describe('recordSample', () => {
  const record = {
    recordId: 'r1',
    version: 3,
    datasetId: 'd1',
    snapshotId: 's1',
    data: { q: 'What is 2+2?', a: '4', gold: { answer: '4' }, docs: ['two plus two', { content: 'is four' }], n: 7 },
  };

  it('fills the mapped parts and says where the sample came from', () => {
    expect(
      recordSample(record, {
        input: 'q',
        output: 'a',
        expectedOutput: 'gold.answer',
        context: 'docs',
        metadata: ['n', 'missing'],
      }),
    ).toEqual({
      target: { type: 'dataset-record', id: 'r1' },
      input: 'What is 2+2?',
      output: '4',
      expectedOutput: '4',
      context: [{ content: 'two plus two' }, { content: 'is four' }],
      metadata: { n: 7, datasetId: 'd1', snapshotId: 's1', recordId: 'r1', recordVersion: 3 },
    });
  });

  it('leaves out parts the record has no value for, so required-input checks see them missing', () => {
    const sample = recordSample({ ...record, data: { q: 'only a question' } }, { input: 'q', output: 'a', metadata: [] });
    expect(sample).toEqual({
      target: { type: 'dataset-record', id: 'r1' },
      input: 'only a question',
      metadata: { datasetId: 'd1', snapshotId: 's1', recordId: 'r1', recordVersion: 3 },
    });
  });
});
