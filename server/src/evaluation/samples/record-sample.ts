import type { EvaluationSample, RetrievedDocument } from '@agentloop/plugin-sdk';
import type { z } from 'zod';
import type { MappablePart, RecordFieldMapping } from './record-field-mapping.js';
import { toolCallsSchema, toolDefinitionsSchema, trajectorySchema } from './sample-part-schemas.js';
import { documentsOf, parsedText } from './sample-parts.js';

/** A record's mapped field does not hold what its sample part needs; the message names both. */
export class RecordSampleError extends Error {
  constructor(
    readonly part: MappablePart,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RecordSampleError';
  }
}

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

const LIST_SCHEMAS = {
  tools: { schema: toolDefinitionsSchema, what: 'tool definitions ({name, description?, parameters?})' },
  toolCalls: { schema: toolCallsSchema, what: 'tool calls ({name, arguments?, result?, status?: ok|error|unset})' },
  trajectory: { schema: trajectorySchema, what: 'trajectory steps ({spanId, name, kind, startTime, durationMs, …})' },
} as const;

const issuesOf = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(value)'}: ${issue.message}`)
    .join('; ');

/** A list part in the SDK's shape, from a json value or text holding JSON; absent stays absent. */
const listPart = <P extends keyof typeof LIST_SCHEMAS>(part: P, field: string | undefined, value: unknown) => {
  if (field === undefined || value === undefined || value === null || value === '') return undefined;
  const { schema, what } = LIST_SCHEMAS[part];
  const parsed = schema.safeParse(typeof value === 'string' ? parsedText(value) : value);
  if (!parsed.success) {
    throw new RecordSampleError(
      part,
      field,
      `field "${field}" (mapped to ${part}) is not a list of ${what}: ${issuesOf(parsed.error)}`,
    );
  }
  return parsed.data as z.output<(typeof LIST_SCHEMAS)[P]['schema']>;
};

/**
 * The evaluation sample of a dataset record: mapped fields fill input, output, expected output,
 * context, tools, tool calls and trajectory (a list part that is not in the SDK's shape throws a
 * RecordSampleError naming the field); metadata carries the listed fields and where the sample came from (dataset, snapshot,
 * record, version), so a judge's reasoning and a score can always be traced back to the row.
 */
export const recordSample = (record: RecordAtVersion, mapping: RecordFieldMapping): EvaluationSample => {
  const data = record.data ?? {};
  const part = (path: string | undefined) => (path ? valueAt(data, path) : undefined);
  const input = part(mapping.input);
  const output = part(mapping.output);
  const expectedOutput = part(mapping.expectedOutput);
  const context = contextOf(part(mapping.context));
  const tools = listPart('tools', mapping.tools, part(mapping.tools));
  const toolCalls = listPart('toolCalls', mapping.toolCalls, part(mapping.toolCalls));
  const trajectory = listPart('trajectory', mapping.trajectory, part(mapping.trajectory));
  return {
    target: { type: 'dataset-record', id: record.recordId },
    ...(input !== undefined ? { input } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(expectedOutput !== undefined ? { expectedOutput } : {}),
    ...(context && context.length > 0 ? { context } : {}),
    ...(tools ? { tools } : {}),
    ...(toolCalls ? { toolCalls } : {}),
    ...(trajectory ? { trajectory } : {}),
    metadata: {
      ...Object.fromEntries(mapping.metadata.flatMap((path) => (part(path) === undefined ? [] : [[path, part(path)]]))),
      datasetId: record.datasetId,
      ...(record.snapshotId ? { snapshotId: record.snapshotId } : {}),
      recordId: record.recordId,
      recordVersion: record.version,
    },
  };
};
