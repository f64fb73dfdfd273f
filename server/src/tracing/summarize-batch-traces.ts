import { preparedStatement, type SqlSession } from '../db/sql-client.js';
import { isoTimestamp } from './iso-timestamp.js';
import type { NormalizedSpan } from './normalized-span.js';
import { LOCK_TRACES, MAX_INT, REFRESH_TRACES, type TraceApplication, UPSERT_TRACE_SUMMARY } from './refresh-traces.js';
import type { SpanPlacement } from './span-copy-rows.js';
import { wellFormedJson } from './well-formed-json.js';

/** One trace of the batch, folded from its spans in the batch (all of them inserted). */
type TraceFold = {
  traceId: string;
  /** Speaks for the trace (name, application, deployment): the root, else the earliest span. */
  first: number;
  sessionId: number;
  userId: number;
  input: number;
  output: number;
  startMs: number;
  endMs: number;
  error: boolean;
  ok: boolean;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  errorCount: number;
  /** Indexes of the trace's spans in the batch. */
  members: number[];
};

const NONE = -1;

// REFRESH_TRACES's ROOT_FIRST order (root first, then start time, then span id) as a comparison.
const before = (a: NormalizedSpan, b: NormalizedSpan) => {
  const aRoot = a.parentSpanId === null;
  if (aRoot !== (b.parentSpanId === null)) return aRoot;
  const aStart = a.startTime.getTime();
  const bStart = b.startTime.getTime();
  if (aStart !== bStart) return aStart < bStart;
  return a.spanId < b.spanId;
};

const pick = (spans: readonly NormalizedSpan[], current: number, candidate: number) =>
  current === NONE || before(spans[candidate] as NormalizedSpan, spans[current] as NormalizedSpan) ? candidate : current;

const isModelCall = (span: NormalizedSpan) => span.kind === 'LLM' || span.kind === 'EMBEDDING';

const fold = (spans: readonly NormalizedSpan[]): TraceFold[] => {
  const byTrace = new Map<string, TraceFold>();
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as NormalizedSpan;
    let trace = byTrace.get(span.traceId);
    if (!trace) {
      trace = {
        traceId: span.traceId,
        first: i,
        sessionId: NONE,
        userId: NONE,
        input: NONE,
        output: NONE,
        startMs: span.startTime.getTime(),
        endMs: span.endTime.getTime(),
        error: false,
        ok: false,
        inputTokens: 0,
        outputTokens: 0,
        totalTokens: 0,
        errorCount: 0,
        members: [],
      };
      byTrace.set(span.traceId, trace);
    } else {
      trace.first = pick(spans, trace.first, i);
      trace.startMs = Math.min(trace.startMs, span.startTime.getTime());
      trace.endMs = Math.max(trace.endMs, span.endTime.getTime());
    }
    if (span.sessionId !== null) trace.sessionId = pick(spans, trace.sessionId, i);
    if (span.userId !== null) trace.userId = pick(spans, trace.userId, i);
    if (span.input !== null) trace.input = pick(spans, trace.input, i);
    if (span.output !== null) trace.output = pick(spans, trace.output, i);
    trace.members.push(i);
    if (span.status === 'ERROR') {
      trace.error = true;
      trace.errorCount++;
    } else if (span.status === 'OK') trace.ok = true;
    if (isModelCall(span)) {
      trace.inputTokens += span.inputTokens ?? 0;
      trace.outputTokens += span.outputTokens ?? 0;
      trace.totalTokens += span.totalTokens ?? (span.inputTokens ?? 0) + (span.outputTokens ?? 0);
    }
  }
  return [...byTrace.values()];
};

// Later spans (by span id) win a key several spans set, as in REFRESH_TRACES. A prototype-less
// object keeps a key named __proto__ as an ordinary key.
const hasKeys = (record: Record<string, unknown>) => {
  for (const _ in record) return true;
  return false;
};

const mergedMetadata = (spans: readonly NormalizedSpan[], members: number[]) => {
  const merged: Record<string, unknown> = Object.create(null);
  const withMetadata: NormalizedSpan[] = [];
  for (const i of members) if (hasKeys((spans[i] as NormalizedSpan).metadata)) withMetadata.push(spans[i] as NormalizedSpan);
  if (withMetadata.length > 1) withMetadata.sort((a, b) => (a.spanId < b.spanId ? -1 : 1));
  for (const span of withMetadata) for (const key of Object.keys(span.metadata)) merged[key] = span.metadata[key];
  return merged;
};

/**
 * The batch's traces summarised the way REFRESH_TRACES summarises stored spans, for traces whose
 * stored spans are exactly the batch's: the Span count of each trace is compared with the batch's
 * in the statement, so a trace with spans stored earlier (or left by retention) is not written
 * here and comes back for a full refresh. Costs, tags and models are aggregated by PostgreSQL, so
 * numeric sums and collation orders are its own. The rows travel as one JSON document: pg's
 * escaping of text arrays cost more CPU than JSON.stringify of the same strings.
 */
const INSERT_BATCH_TRACES = preparedStatement(
  'insert_batch_traces',
  `
INSERT INTO "Trace" ("projectId", "traceId", "applicationId", "deploymentId", "name", "startTime", "endTime",
  "durationMs", "status", "sessionId", "userId", "input", "output", "inputTokens", "outputTokens", "totalTokens",
  "cost", "spanCount", "errorCount", "tags", "metadata", "models", "updatedAt")
SELECT $1::uuid, t."traceId", t."applicationId", t."deploymentId", t."name", t."startTime", t."endTime",
  EXTRACT(EPOCH FROM (t."endTime" - t."startTime")) * 1000, t."status"::"SpanStatus", t."sessionId", t."userId",
  t."input", t."output", LEAST(t."inputTokens", ${MAX_INT}), LEAST(t."outputTokens", ${MAX_INT}),
  LEAST(t."totalTokens", ${MAX_INT}),
  (SELECT sum(c::numeric(20, 10)) FROM jsonb_array_elements_text(t."costs") AS c),
  t."spanCount", t."errorCount",
  COALESCE((SELECT array_agg(DISTINCT tag ORDER BY tag) FROM jsonb_array_elements_text(t."tags") AS tag), '{}'),
  t."metadata", COALESCE((SELECT array_agg(DISTINCT m) FROM jsonb_array_elements_text(t."models") AS m), '{}'), now()
FROM jsonb_to_recordset($2::jsonb) AS t("traceId" text, "applicationId" uuid, "deploymentId" uuid, "name" text,
  "startTime" timestamptz, "endTime" timestamptz, "status" text, "sessionId" text, "userId" text, "input" text,
  "output" text, "inputTokens" bigint, "outputTokens" bigint, "totalTokens" bigint, "costs" jsonb, "spanCount" int,
  "errorCount" int, "tags" jsonb, "metadata" jsonb, "models" jsonb)
WHERE (SELECT count(*) FROM "Span" x WHERE x."projectId" = $1::uuid AND x."traceId" = t."traceId") = t."spanCount"
${UPSERT_TRACE_SUMMARY}
RETURNING "traceId", "applicationId"`,
);

const batchRows = (spans: readonly NormalizedSpan[], placements: readonly SpanPlacement[]) => {
  const traces = fold(spans);
  const field = (index: number, get: (span: NormalizedSpan) => string | null) =>
    index === NONE ? null : get(spans[index] as NormalizedSpan);
  return traces.map((t) => {
    const costs: string[] = [];
    const tags: string[] = [];
    const models: string[] = [];
    for (const i of t.members) {
      const span = spans[i] as NormalizedSpan;
      // The same text COPY stored, so PostgreSQL rounds it to numeric(20,10) the same way.
      if (span.cost !== null) costs.push(String(span.cost));
      tags.push(...span.tags);
      if (span.model !== null) models.push(span.model);
    }
    const first = placements[t.first] as SpanPlacement;
    return {
      traceId: t.traceId,
      applicationId: first.applicationId,
      deploymentId: first.deploymentId,
      name: (spans[t.first] as NormalizedSpan).name,
      startTime: isoTimestamp(t.startMs),
      endTime: isoTimestamp(t.endMs),
      status: t.error ? 'ERROR' : t.ok ? 'OK' : 'UNSET',
      sessionId: field(t.sessionId, (s) => s.sessionId),
      userId: field(t.userId, (s) => s.userId),
      input: field(t.input, (s) => s.input),
      output: field(t.output, (s) => s.output),
      inputTokens: t.inputTokens,
      outputTokens: t.outputTokens,
      totalTokens: t.totalTokens,
      costs,
      spanCount: t.members.length,
      errorCount: t.errorCount,
      tags,
      metadata: mergedMetadata(spans, t.members),
      models,
    };
  });
};

/**
 * Writes the summary rows of the traces of a batch whose spans were all just inserted, without
 * reading the spans back: a trace seen for the first time is summarised from the batch alone.
 * Traces that already had spans (continued in a later export, or out of order) are recomputed
 * from all their spans by REFRESH_TRACES. Serialised per trace with other writers, like
 * `refreshTraces`: the count check and the fallback see every committed span of the trace.
 * Returns every trace written with its application, as `refreshTraces` does.
 */
export const summarizeBatchTraces = async (
  tx: SqlSession,
  projectId: string,
  spans: readonly NormalizedSpan[],
  placements: readonly SpanPlacement[],
  traceIds: readonly string[],
): Promise<TraceApplication[]> => {
  if (traceIds.length === 0) return [];
  await tx.query(LOCK_TRACES, [projectId, traceIds]);
  // COPY's UTF-8 turned any lone surrogate of the spans into U+FFFD; wellFormedJson does the same
  // here (PostgreSQL refuses the escape), so the summary equals the stored spans.
  const rows = wellFormedJson(batchRows(spans, placements));
  const written = await tx.query<TraceApplication>(INSERT_BATCH_TRACES, [projectId, rows]);
  if (written.length === traceIds.length) return written;
  const done = new Set(written.map((row) => row.traceId));
  const rest = traceIds.filter((traceId) => !done.has(traceId));
  const refreshed = await tx.query<TraceApplication>(`${REFRESH_TRACES} RETURNING "traceId", "applicationId"`, [projectId, rest]);
  return [...written, ...refreshed];
};
