import type { NormalizedSpan } from '../../server/src/tracing/normalized-span.js';

/** The Span columns a COPY fills; the rest (id, insertedAt) take their defaults, as with writeSpans. */
export const COPY_SPAN_COLUMNS = [
  'projectId',
  'traceId',
  'spanId',
  'parentSpanId',
  'applicationId',
  'deploymentId',
  'name',
  'kind',
  'startTime',
  'endTime',
  'durationMs',
  'status',
  'statusMessage',
  'operation',
  'provider',
  'requestModel',
  'model',
  'inputTokens',
  'outputTokens',
  'cachedTokens',
  'totalTokens',
  'cost',
  'input',
  'output',
  'toolName',
  'toolArguments',
  'toolResult',
  'retrievedDocuments',
  'events',
  'sessionId',
  'userId',
  'tags',
  'metadata',
  'convention',
  'unmappedAttributes',
  'attributes',
  'resourceAttributes',
] as const;

export const COPY_SPANS_SQL = `COPY "Span" (${COPY_SPAN_COLUMNS.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;

// COPY's text format: tab-separated, \N for NULL, and backslash escapes for the separators.
const field = (value: unknown): string => {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
};

const textArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/** Where the spans' applications and deployments already live: COPY cannot create them. */
export type CopyTargets = { projectId: string; applicationIds: Map<string, string>; deploymentIds: Map<string, string> };

/** Encodes spans as COPY text-format rows, in the column order of COPY_SPANS_SQL. */
export const encodeCopyRows = (spans: readonly NormalizedSpan[], targets: CopyTargets): Buffer => {
  const lines = spans.map((s) => {
    const applicationId = targets.applicationIds.get(s.serviceName);
    if (!applicationId) throw new Error(`no application row for ${s.serviceName}`);
    return [
      targets.projectId,
      s.traceId,
      s.spanId,
      s.parentSpanId,
      applicationId,
      targets.deploymentIds.get(s.serviceName) ?? null,
      s.name,
      s.kind,
      s.startTime.toISOString(),
      s.endTime.toISOString(),
      s.endTime.getTime() - s.startTime.getTime(),
      s.status,
      s.statusMessage,
      s.operation,
      s.provider,
      s.requestModel,
      s.model,
      s.inputTokens,
      s.outputTokens,
      s.cachedTokens,
      s.totalTokens,
      s.cost,
      s.input,
      s.output,
      s.toolName,
      s.toolArguments,
      s.toolResult,
      s.retrievedDocuments === null ? null : JSON.stringify(s.retrievedDocuments),
      JSON.stringify(s.events),
      s.sessionId,
      s.userId,
      textArray(s.tags),
      JSON.stringify(s.metadata),
      s.convention,
      textArray(s.unmappedAttributes),
      JSON.stringify(s.attributes),
      JSON.stringify(s.resourceAttributes),
    ]
      .map(field)
      .join('\t');
  });
  return Buffer.from(`${lines.join('\n')}\n`);
};
