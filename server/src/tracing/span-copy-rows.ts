import type { NormalizedSpan } from './normalized-span.js';

/** A span as stored: its application and deployment resolved to their rows. */
export type SpanRow = Omit<NormalizedSpan, 'serviceName' | 'serviceVersion' | 'environment'> & {
  applicationId: string;
  deploymentId: string | null;
};

/** The Span columns ingestion fills; the rest (id, insertedAt) take their defaults. */
export const SPAN_COPY_COLUMNS = [
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

export const COPY_SPANS_SQL = `COPY "Span" (${SPAN_COPY_COLUMNS.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;

const CONTROL = /[\t\n\r]/;
const CONTROL_ALL = /[\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NULL = '\\N';

// COPY's text format: tab-separated, \N for NULL, backslash escapes for backslash and the separators.
const text = (value: string | null): string => {
  if (value === null) return NULL;
  const escaped = value.includes('\\') ? value.replaceAll('\\', '\\\\') : value;
  return CONTROL.test(escaped) ? escaped.replace(CONTROL_ALL, (c) => ESCAPES[c] as string) : escaped;
};

// Ids, enum names, timestamps and numbers never contain a backslash or a separator.
const plain = (value: string | number | null): string => (value === null ? NULL : String(value));

// JSON.stringify escapes every control character itself, so only its backslashes need doubling.
const json = (value: unknown): string => {
  if (value === null || value === undefined) return NULL;
  const encoded = JSON.stringify(value);
  return encoded.includes('\\') ? encoded.replaceAll('\\', '\\\\') : encoded;
};

// A Postgres text[] literal; every element quoted, so commas, braces and spaces need no care.
const textArray = (values: readonly string[]) =>
  text(values.length === 0 ? '{}' : `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);

/** Encodes span rows as COPY text-format lines, in the column order of COPY_SPANS_SQL. */
export const encodeSpanCopyRows = (projectId: string, rows: readonly SpanRow[]): Buffer => {
  const lines: string[] = [];
  for (const s of rows) {
    lines.push(
      [
        plain(projectId),
        plain(s.traceId),
        plain(s.spanId),
        plain(s.parentSpanId),
        plain(s.applicationId),
        plain(s.deploymentId),
        text(s.name),
        plain(s.kind),
        plain(s.startTime.toISOString()),
        plain(s.endTime.toISOString()),
        plain(s.endTime.getTime() - s.startTime.getTime()),
        plain(s.status),
        text(s.statusMessage),
        text(s.operation),
        text(s.provider),
        text(s.requestModel),
        text(s.model),
        plain(s.inputTokens),
        plain(s.outputTokens),
        plain(s.cachedTokens),
        plain(s.totalTokens),
        plain(s.cost),
        text(s.input),
        text(s.output),
        text(s.toolName),
        text(s.toolArguments),
        text(s.toolResult),
        json(s.retrievedDocuments),
        json(s.events),
        text(s.sessionId),
        text(s.userId),
        textArray(s.tags),
        json(s.metadata),
        text(s.convention),
        textArray(s.unmappedAttributes),
        json(s.attributes),
        json(s.resourceAttributes),
      ].join('\t'),
    );
  }
  lines.push('');
  return Buffer.from(lines.join('\n'));
};
