import { isoTimestamp } from './iso-timestamp.js';
import type { NormalizedSpan } from './normalized-span.js';
import { storedAttributes } from './stored-attributes.js';
import { wellFormedJson } from './well-formed-json.js';
import { withoutNul } from './without-nul.js';

/** Where a span is stored: its resource's application and deployment rows. */
export type SpanPlacement = { applicationId: string; deploymentId: string | null };

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
  'attributeColumns',
  'resourceAttributes',
] as const;

export const COPY_SPANS_SQL = `COPY "Span" (${SPAN_COPY_COLUMNS.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;

const NEEDS_ESCAPE = /[\\\t\n\r\0]/;
const CONTROL = /[\t\n\r]/;
const CONTROL_ALL = /[\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NULL = '\\N';

// COPY's text format: tab-separated, \N for NULL, backslash escapes for backslash and the separators.
// Most values need none of it, which one scan for any of the five characters finds out.
const text = (value: string | null): string => {
  if (value === null) return NULL;
  if (!NEEDS_ESCAPE.test(value)) return value;
  // COPY cannot carry U+0000: values parsed out of attributes can bring one back after ingestion removed it.
  const storable = withoutNul(value);
  const escaped = storable.includes('\\') ? storable.replaceAll('\\', '\\\\') : storable;
  return CONTROL.test(escaped) ? escaped.replace(CONTROL_ALL, (c) => ESCAPES[c] as string) : escaped;
};

// Ids, enum names, timestamps and numbers never contain a backslash or a separator.
const plain = (value: string | number | null): string => (value === null ? NULL : String(value));

// JSON.stringify escapes every control character itself, so only its backslashes need doubling.
const json = (value: unknown): string => {
  if (value === null || value === undefined) return NULL;
  const encoded = wellFormedJson(value);
  return encoded.includes('\\') ? encoded.replaceAll('\\', '\\\\') : encoded;
};

const EMPTY_ARRAY = '{}';
const EMPTY_OBJECT = '{}';

// A Postgres text[] literal; every element quoted, so commas, braces and spaces need no care.
const textArray = (values: readonly string[]) =>
  values.length === 0 ? EMPTY_ARRAY : text(`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);

// Most spans have no events, metadata or attribute columns: skip JSON.stringify for those.
const jsonArray = (values: readonly unknown[]) => (values.length === 0 ? '[]' : json(values));
const jsonObject = (value: Record<string, unknown>) => {
  for (const _ in value) return json(value);
  return EMPTY_OBJECT;
};

// A GenAI span with its messages; the buffer grows when rows are longer.
const TYPICAL_ROW_BYTES = 2048;
// UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units).
const MAX_UTF8_BYTES_PER_UNIT = 3;

/** Rows written as UTF-8 one after another into one Buffer, doubled when the next might not fit. */
class RowBuffer {
  private buffer: Buffer;
  private length = 0;

  constructor(initialBytes: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(initialBytes, 4096));
  }

  append(row: string) {
    const room = row.length * MAX_UTF8_BYTES_PER_UNIT;
    if (this.buffer.length - this.length < room) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + room));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(row, this.length);
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * Encodes spans as COPY text-format lines, in the column order of COPY_SPANS_SQL, straight from
 * the normalised spans (no per-row copy): `placements[i]` says where `spans[i]` is stored. This
 * runs for every span ingested. Each row's string is written into the batch's Buffer as soon as it
 * is built: appending all rows to one string and encoding that at the end made V8 flatten a
 * megabyte-long rope first, and took a third more CPU per batch.
 */
export const encodeSpanCopyRows = (
  projectId: string,
  spans: readonly NormalizedSpan[],
  placements: readonly SpanPlacement[],
): Buffer => {
  const rows = new RowBuffer(spans.length * TYPICAL_ROW_BYTES);
  // The spans of one resource share its attributes object: encode it once per run of them.
  let resourceAttributes: Record<string, unknown> | undefined;
  let resourceJson = NULL;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i] as NormalizedSpan;
    if (s.resourceAttributes !== resourceAttributes) {
      resourceAttributes = s.resourceAttributes;
      resourceJson = json(resourceAttributes);
    }
    const placement = placements[i] as SpanPlacement;
    const stored = storedAttributes(s);
    const startMs = s.startTime.getTime();
    const endMs = s.endTime.getTime();
    rows.append(
      `${projectId}\t${s.traceId}\t${s.spanId}\t${plain(s.parentSpanId)}\t${placement.applicationId}\t` +
        `${plain(placement.deploymentId)}\t${text(s.name)}\t${s.kind}\t${isoTimestamp(startMs)}\t${isoTimestamp(endMs)}\t` +
        `${endMs - startMs}\t${s.status}\t${text(s.statusMessage)}\t${text(s.operation)}\t${text(s.provider)}\t` +
        `${text(s.requestModel)}\t${text(s.model)}\t${plain(s.inputTokens)}\t${plain(s.outputTokens)}\t` +
        `${plain(s.cachedTokens)}\t${plain(s.totalTokens)}\t${plain(s.cost)}\t${text(s.input)}\t${text(s.output)}\t` +
        `${text(s.toolName)}\t${text(s.toolArguments)}\t${text(s.toolResult)}\t${json(s.retrievedDocuments)}\t` +
        `${jsonArray(s.events)}\t${text(s.sessionId)}\t${text(s.userId)}\t${textArray(s.tags)}\t` +
        `${jsonObject(s.metadata)}\t${text(s.convention)}\t${textArray(s.unmappedAttributes)}\t` +
        `${json(stored.attributes)}\t${jsonObject(stored.attributeColumns)}\t${resourceJson}\n`,
    );
  }
  return rows.bytes();
};
