import type { EvaluationSample, RetrievedDocument } from '@agentloop/plugin-sdk';
import type { RecordFieldMapping } from './record-field-mapping.js';
import { documentsOf } from './sample-parts.js';

/** A dataset record at one version, as a sample is built from it. */
export type RecordAtVersion = {
  recordId: string;
  version: number;
  datasetId: string;
  /** The snapshot it was read through, when it was. */
  snapshotId: string | null;
  data: Record<string, unknown> | null;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field's value, or a dot path into a json field's value; undefined when absent. */
export const valueAt = (data: Record<string, unknown>, path: string): unknown => {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (!isObject(value)) return undefined;
    value = value[key];
  }
  return value ?? undefined;
};

/** Retrieved context from a field: text is one document; a list of texts or {content} objects, one each. */
const contextOf = (value: unknown): RetrievedDocument[] | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return [{ content: value }];
  if (Array.isArray(value)) return documentsOf({ retrievedDocuments: value as never });
  return [{ content: JSON.stringify(value) }];
};

/**
 * The evaluation sample of a dataset record: mapped fields fill input, output, expected output and
 * context; metadata carries the listed fields and where the sample came from (dataset, snapshot,
 * record, version), so a judge's reasoning and a score can always be traced back to the row.
 */
export const recordSample = (record: RecordAtVersion, mapping: RecordFieldMapping): EvaluationSample => {
  const data = record.data ?? {};
  const part = (path: string | undefined) => (path ? valueAt(data, path) : undefined);
  const input = part(mapping.input);
  const output = part(mapping.output);
  const expectedOutput = part(mapping.expectedOutput);
  const context = contextOf(part(mapping.context));
  return {
    target: { type: 'dataset-record', id: record.recordId },
    ...(input !== undefined ? { input } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(expectedOutput !== undefined ? { expectedOutput } : {}),
    ...(context && context.length > 0 ? { context } : {}),
    metadata: {
      ...Object.fromEntries(mapping.metadata.flatMap((path) => (part(path) === undefined ? [] : [[path, part(path)]]))),
      datasetId: record.datasetId,
      ...(record.snapshotId ? { snapshotId: record.snapshotId } : {}),
      recordId: record.recordId,
      recordVersion: record.version,
    },
  };
};
