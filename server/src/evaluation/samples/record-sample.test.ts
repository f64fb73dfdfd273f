import { describe, expect, it } from 'vitest';
import type { DatasetField } from '../../datasets/dataset-fields.js';
import { resolveFieldMapping } from './record-field-mapping.js';
import { RecordSampleError, recordSample } from './record-sample.js';

const text = (name: string): DatasetField => ({ name, type: 'text', required: false, options: { chn: false, embedding: false } });
const json = (name: string): DatasetField => ({ name, type: 'json', required: false, options: { jsonKeys: [] } });
const long = (name: string): DatasetField => ({ name, type: 'long', required: false, options: {} });

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

describe('list parts from dataset fields', () => {
  it('take tools, tool_calls and trajectory by name from json fields only, and refuse a number field', () => {
    const fields = [json('tools'), json('tool_calls'), text('trajectory'), long('calls')];
    const { mapping } = resolveFieldMapping(fields, null);
    expect(mapping).toMatchObject({ tools: 'tools', toolCalls: 'tool_calls', metadata: ['trajectory', 'calls'] });
    expect(mapping.trajectory).toBeUndefined();
    expect(resolveFieldMapping(fields, { trajectory: 'trajectory', toolCalls: 'calls' }).issues).toEqual([
      {
        path: 'fieldMapping.toolCalls',
        message: '"calls" is a long field; toolCalls is a list: map a json field (or text holding JSON)',
      },
    ]);
  });

  const mapping = { tools: 'tools', toolCalls: 'calls', trajectory: 'steps', metadata: [] };
  const at = (data: Record<string, unknown>) => ({ recordId: 'r1', version: 1, datasetId: 'd1', snapshotId: null, data });

  it('fills them from json values or JSON text, with the SDK defaults', () => {
    const step = { spanId: 's1', name: 'plan', kind: 'agent', startTime: '2026-01-01T00:00:00.000Z', durationMs: 5 };
    const sample = recordSample(
      at({ tools: [{ name: 'search' }], calls: JSON.stringify([{ name: 'search', arguments: { q: 'x' } }]), steps: [step] }),
      mapping,
    );
    expect(sample).toMatchObject({
      tools: [{ name: 'search' }],
      toolCalls: [{ name: 'search', arguments: { q: 'x' }, status: 'unset' }],
      trajectory: [{ ...step, status: 'unset' }],
    });
    expect(recordSample(at({ calls: '' }), mapping)).not.toHaveProperty('toolCalls');
  });

  it('throw a RecordSampleError naming the field, the part and the first problems', () => {
    const broken = () => recordSample(at({ calls: [{ name: 'search', status: 'failed' }] }), mapping);
    expect(broken).toThrow(RecordSampleError);
    expect(broken).toThrow(
      /^field "calls" \(mapped to toolCalls\) is not a list of tool calls \(.*\): 0\.status: Invalid option: expected one of "ok"\|"error"\|"unset"$/,
    );
    expect(() => recordSample(at({ steps: 'went fine' }), mapping)).toThrow(
      /field "steps" \(mapped to trajectory\).*\(value\): /,
    );
  });
});
