import { createHash } from 'node:crypto';
import { preparedStatement, type SqlClient, type SqlSession } from '../db/sql-client.js';
import { refreshTraces } from '../tracing/refresh-traces.js';
import { wellFormedJson } from '../tracing/well-formed-json.js';
import { composeGenAiContent, GENAI_EVENT_NAMES } from './genai-log-events.js';
import type { ValidLogRecord } from './validate-log-record.js';

/** A validated record with the resource it came from. */
export type IncomingLogRecord = ValidLogRecord & { serviceName: string; resourceAttributes: Record<string, unknown> };

export type LogWriteResult = { inserted: number; duplicates: number; spansFilled: number; traceIds: string[] };

// A retried export must not double the logs; LogRecord has no natural key, so a record equal in
// time, ids, event name and body to a stored one is taken for the same record. The test sees only
// committed rows: a writer runs it under its records' locks (lockLogKeys).
const INSERT_LOGS = `
WITH ins AS (
INSERT INTO "LogRecord" ("projectId", "applicationId", "traceId", "spanId", "timestamp", "severityNumber", "severityText",
  "eventName", "body", "attributes", "resourceAttributes")
SELECT $1, a.id, r."traceId", r."spanId", r."timestamp", r."severityNumber", r."severityText", r."eventName", r."body",
  r."attributes", r."resourceAttributes"
FROM jsonb_to_recordset($2::jsonb) AS r("serviceName" text, "traceId" text, "spanId" text, "timestamp" timestamptz,
  "severityNumber" int, "severityText" text, "eventName" text, "body" text, "attributes" jsonb, "resourceAttributes" jsonb)
LEFT JOIN "Application" a ON a."projectId" = $1 AND a.name = r."serviceName"
WHERE NOT EXISTS (
  SELECT 1 FROM "LogRecord" l WHERE l."projectId" = $1 AND l."timestamp" = r."timestamp"
    AND l."traceId" IS NOT DISTINCT FROM r."traceId" AND l."spanId" IS NOT DISTINCT FROM r."spanId"
    AND l."eventName" IS NOT DISTINCT FROM r."eventName" AND l."body" IS NOT DISTINCT FROM r."body")
RETURNING 1)
SELECT count(*)::int AS count FROM ins`;

// Two requests carrying the same records (an exporter that timed out and retried while the first
// was still being written) would each find none of them in INSERT_LOGS' NOT EXISTS, which cannot
// see the other's uncommitted rows, and both insert. So a writer first locks its records' keys,
// held to commit: the second waits, and its INSERT, a new statement with a new snapshot under
// READ COMMITTED, then sees the first's committed rows. A record's key is its trace (the records
// of a trace share one lock, as its trace summary does), or for a record outside any trace the
// record itself, so identical records always meet on one key.
//
// A batch holds up to 10,000 records, and every lock takes a slot of the server's shared lock
// table (sized max_locks_per_transaction, 64 by default, per connection): a batch of more keys
// than that instead takes its project's gate (key 0) exclusively, and a small one the gate shared and then its keys. Small batches thus
// wait only for batches sharing a key, and for a large batch of their project, which waits for
// them. Hashing keys into a fixed set of buckets would bound the count too, but unrelated batches
// of more than a few dozen keys would nearly always meet in some bucket and serialise anyway.
//
// The locks use the two-int4 advisory key space (project hash, key), which PostgreSQL keeps apart
// from the one-bigint keys of LOCK_TRACES and the rest, so no other lock is ever taken on them.
// Taken in one order (the gate first, then keys ascending) before anything else in the
// transaction, they cannot deadlock: a writer waiting for one holds nothing but log keys earlier
// in that order, and once past them it never waits for a log key again. What it waits for later
// (an Application or Span row, LOCK_TRACES in refreshTraces) others wait for too, span ingestion
// (COPY, then LOCK_TRACES) and retention (LOCK_TRACES, then deletes), but none of those waits for
// a log key, so no cycle can pass through one. Taken after the Application upsert, they could:
// a writer holding a new Application row could wait for a log key whose holder waits for that row.
const MAX_LOG_KEYS = 64;
const LOCK_LOG_GATE_SHARED = preparedStatement('lock_log_gate_shared', 'SELECT pg_advisory_xact_lock_shared(hashtext($1), 0)');
const LOCK_LOG_GATE = preparedStatement('lock_log_gate', 'SELECT pg_advisory_xact_lock(hashtext($1), 0)');
const LOCK_LOG_KEYS = preparedStatement(
  'lock_log_keys',
  `SELECT pg_advisory_xact_lock(hashtext($1), k) FROM (
  SELECT DISTINCT k FROM unnest($2::int[]) AS k ORDER BY k
) AS keys`,
);

/** A record's lock key: never 0, the gate's. */
const logLockKey = (r: IncomingLogRecord) => {
  const identity = r.traceId
    ? JSON.stringify(['trace', r.traceId])
    : JSON.stringify([r.timestampIso, r.spanId, r.eventName, r.body]);
  return createHash('sha1').update(identity).digest().readInt32BE(0) || 1;
};

/** Serialises this batch with the concurrent ones that may carry its records (see above). */
const lockLogKeys = async (tx: SqlSession, projectId: string, records: IncomingLogRecord[]) => {
  const traces = new Set<string>();
  let untraced = 0;
  for (const r of records) {
    if (r.traceId) traces.add(r.traceId);
    else untraced++;
  }
  if (traces.size + untraced > MAX_LOG_KEYS) {
    await tx.query(LOCK_LOG_GATE, [projectId]);
    return;
  }
  await tx.query(LOCK_LOG_GATE_SHARED, [projectId]);
  await tx.query(LOCK_LOG_KEYS, [projectId, records.map(logLockKey)]);
};

const spanKey = (traceId: string, spanId: string) => `${traceId}/${spanId}`;

const ROLE_ORDER = ['gen_ai.system.message', 'gen_ai.user.message', 'gen_ai.assistant.message', 'gen_ai.tool.message'];
const rank = (eventName: string) => {
  const index = ROLE_ORDER.indexOf(eventName);
  return index === -1 ? ROLE_ORDER.length : index;
};

/** Identifies a record across the batch and its stored row, to keep the exporter's order on ties. */
export const eventKey = (r: { traceId: string | null; spanId: string | null; eventName: string | null; body: string | null }) =>
  JSON.stringify([r.traceId, r.spanId, r.eventName, r.body]);

type StoredEvent = {
  eventName: string;
  body: string | null;
  attributes: Record<string, unknown>;
  micros: bigint;
  position: number;
};

// Every OTLP trace batch with a span lacking input or output asks this.
const SELECT_GENAI_EVENTS = preparedStatement(
  'select_genai_events',
  `SELECT "traceId", "spanId", "eventName", "body", "attributes",
          (EXTRACT(EPOCH FROM "timestamp") * 1000000)::bigint::text AS micros FROM "LogRecord"
   WHERE "projectId" = $1 AND "traceId" = ANY($2::text[]) AND "spanId" IS NOT NULL AND "eventName" = ANY($3::text[])`,
);

/**
 * The GenAI events stored for the given traces, by span, in time order. SDKs stamp log records in
 * milliseconds, so one call's events often share a timestamp: ties keep the order they had in the
 * batch that brought them (`batchOrder`), else system, user, assistant, tool messages, then the rest.
 */
export const loadGenAiEvents = async (
  tx: SqlSession,
  projectId: string,
  traceIds: string[],
  batchOrder?: Map<string, number>,
) => {
  const rows = await tx.query<{
    traceId: string;
    spanId: string;
    eventName: string;
    body: string | null;
    attributes: unknown;
    micros: string;
  }>(SELECT_GENAI_EVENTS, [projectId, traceIds, GENAI_EVENT_NAMES]);
  const bySpan = new Map<string, StoredEvent[]>();
  for (const row of rows) {
    const key = spanKey(row.traceId, row.spanId);
    const attributes = (typeof row.attributes === 'string' ? JSON.parse(row.attributes) : row.attributes) as Record<
      string,
      unknown
    >;
    const position = batchOrder?.get(eventKey(row)) ?? -1;
    bySpan.set(key, [
      ...(bySpan.get(key) ?? []),
      { eventName: row.eventName, body: row.body, attributes, micros: BigInt(row.micros), position },
    ]);
  }
  for (const events of bySpan.values()) {
    events.sort((a, b) => {
      if (a.micros !== b.micros) return a.micros < b.micros ? -1 : 1;
      if (a.position !== -1 && b.position !== -1) return a.position - b.position;
      return rank(a.eventName) - rank(b.eventName);
    });
  }
  return bySpan;
};

/**
 * GenAI content of the given spans from their stored events: input/output only where the span has
 * none of its own (its attributes are the better source). Spans not stored yet are filled when
 * they arrive (see the trace receiver).
 */
const fillSpansFromEvents = async (tx: SqlSession, projectId: string, traceIds: string[], batchOrder: Map<string, number>) => {
  const bySpan = await loadGenAiEvents(tx, projectId, traceIds, batchOrder);
  if (bySpan.size === 0) return { filled: 0, traceIds: [] as string[] };
  const keys = [...bySpan.keys()].map((key) => key.split('/') as [string, string]);
  const content = [...bySpan.values()].map((events) => composeGenAiContent(events));
  const updated = await tx.query<{ traceId: string }>(
    `UPDATE "Span" s SET "input" = COALESCE(s."input", u.input), "output" = COALESCE(s."output", u.output)
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(t, sp, input, output)
     WHERE s."projectId" = $1 AND s."traceId" = u.t AND s."spanId" = u.sp
       AND ((s."input" IS NULL AND u.input IS NOT NULL) OR (s."output" IS NULL AND u.output IS NOT NULL))
     RETURNING s."traceId"`,
    [projectId, keys.map((k) => k[0]), keys.map((k) => k[1]), content.map((c) => c.input), content.map((c) => c.output)],
  );
  return { filled: updated.length, traceIds: [...new Set(updated.map((row) => row.traceId))] };
};

/**
 * Stores a batch of log records for one project in one transaction: applications first seen are
 * created, records already stored (or being stored by a concurrent request) are skipped, and
 * GenAI events fill their spans' input/output (whose traces are then recomputed).
 */
export const writeLogRecords = (sql: SqlClient, projectId: string, records: IncomingLogRecord[]): Promise<LogWriteResult> => {
  if (records.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0, spansFilled: 0, traceIds: [] });
  return sql.transaction(async (tx) => {
    // First: see the deadlock note above lockLogKeys.
    await lockLogKeys(tx, projectId, records);
    const names = [...new Set(records.map((r) => r.serviceName))];
    await tx.query(
      `INSERT INTO "Application" ("projectId", "name") SELECT $1, n FROM unnest($2::text[]) AS n ON CONFLICT DO NOTHING`,
      [projectId, names],
    );
    const rows = records.map(({ timestampIso, ...r }) => ({ ...r, timestamp: timestampIso }));
    const inserted = (await tx.query<{ count: number }>(INSERT_LOGS, [projectId, wellFormedJson(rows)]))[0]?.count ?? 0;
    const genaiTraceIds = [
      ...new Set(
        records
          .filter((r) => r.traceId && r.spanId && GENAI_EVENT_NAMES.includes(r.eventName ?? ''))
          .map((r) => r.traceId as string),
      ),
    ];
    const batchOrder = new Map(records.map((r, index) => [eventKey(r), index]));
    const filled =
      genaiTraceIds.length > 0
        ? await fillSpansFromEvents(tx, projectId, genaiTraceIds, batchOrder)
        : { filled: 0, traceIds: [] };
    await refreshTraces(tx, projectId, filled.traceIds);
    return { inserted, duplicates: records.length - inserted, spansFilled: filled.filled, traceIds: filled.traceIds };
  });
};
