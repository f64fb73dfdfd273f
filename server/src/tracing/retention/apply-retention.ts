import type { SqlClient, SqlSession } from '../../db/sql-client.js';
import { LOCK_TRACES } from '../refresh-traces.js';

// Small batches keep each delete's locks and WAL short, so ingestion never waits long on it.
const BATCH = 5_000;
// Traces per transaction: each takes an advisory lock held to commit and brings all its spans.
const TRACE_BATCH = 500;

// The project's cutoff, read in every statement, so a retention lengthened during a round
// takes effect at once. $2 is the round's clock.
const CUTOFF = `$2::timestamptz - make_interval(days => p."retentionDays")`;

// A trace expires when its whole time range is past the cutoff: one still receiving spans inside
// the window is kept whole. The startTime test follows from the endTime one; it is there so the
// ("projectId", "startTime") index finds the candidates (no index has endTime).
const EXPIRED_TRACE = `p."retentionDays" IS NOT NULL AND t."startTime" < ${CUTOFF} AND t."endTime" < ${CUTOFF}`;

// A span whose trace has no summary row (left by retention before it deleted whole traces)
// goes once it has itself ended before the cutoff, so nothing stays behind forever.
const EXPIRED_ORPHAN = `p."retentionDays" IS NOT NULL AND s."startTime" < ${CUTOFF} AND s."endTime" < ${CUTOFF}
  AND NOT EXISTS (SELECT 1 FROM "Trace" t WHERE t."projectId" = s."projectId" AND t."traceId" = s."traceId")`;

const EXPIRED_TRACES = `
  SELECT t."traceId" FROM "Trace" t JOIN "Project" p ON p.id = t."projectId"
  WHERE t."projectId" = $1 AND ${EXPIRED_TRACE} LIMIT ${TRACE_BATCH}`;

// Checked again under the locks: a span committed in between may have moved the trace's end
// into the window. The spans go with the trace rows actually deleted, in the same statement.
const DELETE_TRACES = `
  WITH trace AS (
    DELETE FROM "Trace" t USING "Project" p
    WHERE p.id = t."projectId" AND t."projectId" = $1 AND t."traceId" = ANY($3::text[]) AND ${EXPIRED_TRACE}
    RETURNING t."traceId"
  ), span AS (
    DELETE FROM "Span" s USING trace WHERE s."projectId" = $1 AND s."traceId" = trace."traceId" RETURNING 1
  )
  SELECT (SELECT count(*) FROM trace)::int AS traces, (SELECT count(*) FROM span)::int AS spans`;

const EXPIRED_ORPHANS = `
  SELECT s.id, s."traceId" FROM "Span" s JOIN "Project" p ON p.id = s."projectId"
  WHERE s."projectId" = $1 AND ${EXPIRED_ORPHAN} LIMIT ${TRACE_BATCH}`;

// Checked again under the locks: a writer may have given the trace its summary row meanwhile,
// counting these spans in it.
const DELETE_ORPHANS = `
  WITH span AS (
    DELETE FROM "Span" s USING "Project" p
    WHERE p.id = s."projectId" AND s."projectId" = $1 AND s.id = ANY($3::uuid[]) AND ${EXPIRED_ORPHAN}
    RETURNING 1
  )
  SELECT count(*)::int AS spans FROM span`;

const DELETE_LOG_RECORDS = `
  WITH d AS (
    DELETE FROM "LogRecord" WHERE id IN (
      SELECT x.id FROM "LogRecord" x JOIN "Project" p ON p.id = x."projectId"
      WHERE p."retentionDays" IS NOT NULL AND x."timestamp" < $1::timestamptz - make_interval(days => p."retentionDays")
      LIMIT ${BATCH})
    RETURNING 1
  )
  SELECT count(*)::int AS count FROM d`;

type Deleted = { Span: number; Trace: number; LogRecord: number };
type Batch = { traces: number; spans: number; more: boolean };

// Ingestion recomputes a trace's summary from its stored spans under the same per-trace locks
// (refreshTraces), so taking them here means a span written concurrently either finds the trace
// gone and starts a new summary from what it left, or commits first and is seen by the checks.
const lockTraces = (tx: SqlSession, projectId: string, traceIds: string[]) => tx.query(LOCK_TRACES, [projectId, traceIds]);

/** One transaction deleting whole expired traces of a project, with all their spans. */
const deleteTraceBatch = (sql: SqlClient, projectId: string, now: string): Promise<Batch> =>
  sql.transaction(async (tx) => {
    const candidates = await tx.query<{ traceId: string }>(EXPIRED_TRACES, [projectId, now]);
    if (candidates.length === 0) return { traces: 0, spans: 0, more: false };
    const traceIds = candidates.map((c) => c.traceId);
    await lockTraces(tx, projectId, traceIds);
    const [row] = await tx.query<{ traces: number; spans: number }>(DELETE_TRACES, [projectId, now, traceIds]);
    return { traces: row?.traces ?? 0, spans: row?.spans ?? 0, more: candidates.length === TRACE_BATCH };
  });

/** One transaction deleting expired spans of a project that have no trace row. */
const deleteOrphanBatch = (sql: SqlClient, projectId: string, now: string): Promise<Batch> =>
  sql.transaction(async (tx) => {
    const candidates = await tx.query<{ id: string; traceId: string }>(EXPIRED_ORPHANS, [projectId, now]);
    if (candidates.length === 0) return { traces: 0, spans: 0, more: false };
    await lockTraces(tx, projectId, [...new Set(candidates.map((c) => c.traceId))]);
    const ids = candidates.map((c) => c.id);
    const [row] = await tx.query<{ spans: number }>(DELETE_ORPHANS, [projectId, now, ids]);
    return { traces: 0, spans: row?.spans ?? 0, more: candidates.length === TRACE_BATCH };
  });

/**
 * Deletes telemetry older than each project's retention, in batches until none is left. A trace
 * goes whole, its summary row and all its spans in one transaction, once it ended before the
 * cutoff; spans without a trace row go by their own end; log records by their timestamp.
 * Returns how many rows went per table. Projects without retention keep everything.
 */
export const applyRetention = async (sql: SqlClient, now: Date): Promise<Deleted> => {
  const deleted: Deleted = { Span: 0, Trace: 0, LogRecord: 0 };
  const at = now.toISOString();
  const projects = await sql.query<{ id: string }>(`SELECT id FROM "Project" WHERE "retentionDays" IS NOT NULL`);
  for (const { id } of projects) {
    for (const deleteBatch of [deleteTraceBatch, deleteOrphanBatch]) {
      for (let more = true; more; ) {
        const batch = await deleteBatch(sql, id, at);
        deleted.Trace += batch.traces;
        deleted.Span += batch.spans;
        more = batch.more;
      }
    }
  }
  for (;;) {
    const rows = await sql.query<{ count: number }>(DELETE_LOG_RECORDS, [at]);
    const count = rows[0]?.count ?? 0;
    deleted.LogRecord += count;
    if (count < BATCH) break;
  }
  return deleted;
};
