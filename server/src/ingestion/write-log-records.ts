import { preparedStatement, type SqlClient, type SqlSession } from '../db/sql-client.js';
import { refreshTraces } from '../tracing/refresh-traces.js';
import { wellFormedJson } from '../tracing/well-formed-json.js';
import { composeGenAiContent, GENAI_EVENT_NAMES } from './genai-log-events.js';
import type { ValidLogRecord } from './validate-log-record.js';

/** A validated record with the resource it came from. */
export type IncomingLogRecord = ValidLogRecord & { serviceName: string; resourceAttributes: Record<string, unknown> };

export type LogWriteResult = { inserted: number; duplicates: number; spansFilled: number; traceIds: string[] };

// A retried export must not double the logs; LogRecord has no natural key, so a record equal in
// time, ids, event name and body to a stored one is taken for the same record.
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
 * created, records already stored are skipped, and GenAI events fill their spans' input/output
 * (whose traces are then recomputed).
 */
export const writeLogRecords = (sql: SqlClient, projectId: string, records: IncomingLogRecord[]): Promise<LogWriteResult> => {
  if (records.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0, spansFilled: 0, traceIds: [] });
  return sql.transaction(async (tx) => {
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
