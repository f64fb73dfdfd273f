import type { SqlClient, SqlSession } from '../db/sql-client.js';
import type { NormalizedSpan } from './normalized-span.js';
import { deploymentKey, type PlacementIds, type ResolvedPlacements } from './placement-ids.js';
import { refreshTraces, type TraceApplication } from './refresh-traces.js';
import { COPY_SPANS_SQL, encodeSpanCopyRows, type SpanPlacement } from './span-copy-rows.js';
import { storedAttributes } from './stored-attributes.js';
import { summarizeBatchTraces } from './summarize-batch-traces.js';
import { wellFormedJson } from './well-formed-json.js';

export type WriteResult = {
  inserted: number;
  duplicates: number;
  traceIds: string[];
  /** The batch's traces with the application their summary now names, for live events. */
  traces: TraceApplication[];
};

const unique = <T>(values: T[]) => [...new Set(values)];

const upsertApplications = async (tx: SqlSession, projectId: string, names: string[]) => {
  await tx.query(
    `INSERT INTO "Application" ("projectId", "name") SELECT $1, n FROM unnest($2::text[]) AS n ON CONFLICT DO NOTHING`,
    [projectId, names],
  );
  const rows = await tx.query<{ id: string; name: string }>(
    `SELECT id, name FROM "Application" WHERE "projectId" = $1 AND name = ANY($2)`,
    [projectId, names],
  );
  return new Map(rows.map((r) => [r.name, r.id]));
};

const upsertDeployments = async (tx: SqlSession, projectId: string, tuples: [string, string, string][]) => {
  const params = [projectId, tuples.map((t) => t[0]), tuples.map((t) => t[1]), tuples.map((t) => t[2])];
  await tx.query(
    `INSERT INTO "Deployment" ("projectId", "applicationId", "version", "environment")
     SELECT $1, a, v, e FROM unnest($2::uuid[], $3::text[], $4::text[]) AS t(a, v, e) ON CONFLICT DO NOTHING`,
    params,
  );
  const rows = await tx.query<{ id: string; applicationId: string; version: string; environment: string }>(
    `SELECT d.id, d."applicationId", d.version, d.environment FROM "Deployment" d
     JOIN unnest($2::uuid[], $3::text[], $4::text[]) AS t(a, v, e) ON d."applicationId" = t.a AND d.version = t.v AND d.environment = t.e
     WHERE d."projectId" = $1`,
    params,
  );
  return new Map(rows.map((r) => [deploymentKey(r.applicationId, r.version, r.environment), r.id]));
};

// One statement for the whole batch: the rows travel as one JSON array and are expanded by
// jsonb_to_recordset, so a batch of 10,000 spans is one round trip and one plan.
const INSERT_SPANS = `
INSERT INTO "Span" ("projectId", "traceId", "spanId", "parentSpanId", "applicationId", "deploymentId", "name", "kind",
  "startTime", "endTime", "durationMs", "status", "statusMessage", "operation", "provider", "requestModel", "model",
  "inputTokens", "outputTokens", "cachedTokens", "totalTokens", "cost", "input", "output", "toolName", "toolArguments",
  "toolResult", "retrievedDocuments", "events", "sessionId", "userId", "tags", "metadata", "convention",
  "unmappedAttributes", "attributes", "attributeColumns", "resourceAttributes")
SELECT $1, r."traceId", r."spanId", r."parentSpanId", r."applicationId", r."deploymentId", r."name", r."kind"::"SpanKind",
  r."startTime", r."endTime", EXTRACT(EPOCH FROM (r."endTime" - r."startTime")) * 1000, r."status"::"SpanStatus",
  r."statusMessage", r."operation", r."provider", r."requestModel", r."model", r."inputTokens", r."outputTokens",
  r."cachedTokens", r."totalTokens", r."cost", r."input", r."output", r."toolName", r."toolArguments", r."toolResult",
  r."retrievedDocuments", COALESCE(r."events", '[]'::jsonb), r."sessionId", r."userId", COALESCE(r."tags", '{}'),
  COALESCE(r."metadata", '{}'::jsonb), r."convention", COALESCE(r."unmappedAttributes", '{}'), r."attributes",
  r."attributeColumns", r."resourceAttributes"
FROM jsonb_to_recordset($2::jsonb) AS r("traceId" text, "spanId" text, "parentSpanId" text, "applicationId" uuid,
  "deploymentId" uuid, "name" text, "kind" text, "startTime" timestamptz, "endTime" timestamptz, "status" text,
  "statusMessage" text, "operation" text, "provider" text, "requestModel" text, "model" text, "inputTokens" int,
  "outputTokens" int, "cachedTokens" int, "totalTokens" int, "cost" numeric, "input" text, "output" text,
  "toolName" text, "toolArguments" text, "toolResult" text, "retrievedDocuments" jsonb, "events" jsonb,
  "sessionId" text, "userId" text, "tags" text[], "metadata" jsonb, "convention" text, "unmappedAttributes" text[],
  "attributes" jsonb, "attributeColumns" jsonb, "resourceAttributes" jsonb)
ON CONFLICT ("projectId", "traceId", "spanId") DO NOTHING`;

const UNIQUE_VIOLATION = '23505';

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;

type InsertMode = 'copy' | 'skip-duplicates';

const insertRows = async (
  tx: SqlSession,
  projectId: string,
  spans: NormalizedSpan[],
  placements: SpanPlacement[],
  mode: InsertMode,
): Promise<number> => {
  if (mode === 'copy') return tx.copyFrom(COPY_SPANS_SQL, encodeSpanCopyRows(projectId, spans, placements));
  const json = spans.map(({ serviceName: _s, serviceVersion: _v, environment: _e, ...span }, i) => ({
    ...span,
    ...placements[i],
    ...storedAttributes(span),
    startTime: span.startTime.toISOString(),
    endTime: span.endTime.toISOString(),
  }));
  const inserted = await tx.query<{ count: number }>(
    `WITH ins AS (${INSERT_SPANS} RETURNING 1) SELECT count(*)::int AS count FROM ins`,
    [projectId, wellFormedJson(json)],
  );
  return inserted[0]?.count ?? 0;
};

/**
 * Each span's application and deployment. The spans of one resource come in a run and share its
 * strings, so the previous span's placement is reused without building a lookup key.
 */
const placeSpans = (
  spans: readonly NormalizedSpan[],
  applications: Map<string, string>,
  deployments: Map<string, string>,
): SpanPlacement[] => {
  const placements: SpanPlacement[] = new Array(spans.length);
  let previous: NormalizedSpan | undefined;
  let placement: SpanPlacement | undefined;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as NormalizedSpan;
    if (
      !placement ||
      previous?.serviceName !== span.serviceName ||
      previous.serviceVersion !== span.serviceVersion ||
      previous.environment !== span.environment
    ) {
      const applicationId = applications.get(span.serviceName) as string;
      placement = {
        applicationId,
        deploymentId: deployments.get(deploymentKey(applicationId, span.serviceVersion, span.environment)) ?? null,
      };
    }
    placements[i] = placement;
    previous = span;
  }
  return placements;
};

type Attempt = { result: WriteResult; resolved: ResolvedPlacements };

const writeOnce = (
  sql: SqlClient,
  projectId: string,
  spans: NormalizedSpan[],
  mode: InsertMode,
  ids: PlacementIds | undefined,
): Promise<Attempt> =>
  sql.transaction(async (tx) => {
    const names = unique(spans.map((s) => s.serviceName));
    const applications = ids?.applications(projectId, names) ?? (await upsertApplications(tx, projectId, names));
    const appOf = (span: NormalizedSpan) => applications.get(span.serviceName) as string;
    const keys = unique(spans.map((s) => deploymentKey(appOf(s), s.serviceVersion, s.environment)));
    const deployments =
      ids?.deployments(keys) ??
      (await upsertDeployments(
        tx,
        projectId,
        keys.map((key) => key.split('\u0000') as [string, string, string]),
      ));
    const placements = placeSpans(spans, applications, deployments);
    const count = await insertRows(tx, projectId, spans, placements, mode);
    const traceIds = unique(spans.map((s) => s.traceId));
    // COPY stored every span of the batch, so the batch alone can summarise the traces it starts;
    // after skipping duplicates, which spans are new is not known here: recompute from the table.
    const traces =
      mode === 'copy'
        ? await summarizeBatchTraces(tx, projectId, spans, placements, traceIds)
        : await refreshTraces(tx, projectId, traceIds);
    return {
      result: { inserted: count, duplicates: spans.length - count, traceIds, traces },
      resolved: { applications, deployments },
    };
  });

const attempt = async (
  sql: SqlClient,
  projectId: string,
  spans: NormalizedSpan[],
  ids: PlacementIds | undefined,
): Promise<Attempt> => {
  try {
    return await writeOnce(sql, projectId, spans, 'copy', ids);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return writeOnce(sql, projectId, spans, 'skip-duplicates', ids);
  }
};

/**
 * Stores a batch of spans for one project in one transaction: applications and deployments
 * first seen are created, spans already stored (same trace and span id: a retried export) are
 * skipped, and the affected traces' summaries are written. All of it or nothing is written.
 *
 * The spans are bulk-loaded with COPY, PostgreSQL's fastest insert, which cannot skip rows that
 * exist already. Almost every batch is new; when one is not (a retried export, or two requests
 * racing with the same spans), the unique index refuses the COPY, the transaction rolls back and
 * the batch is written again with INSERT … ON CONFLICT DO NOTHING, which skips the stored spans.
 * With `ids`, applications and deployments seen before are not upserted again.
 */
export const writeSpans = async (
  sql: SqlClient,
  projectId: string,
  spans: NormalizedSpan[],
  ids?: PlacementIds,
): Promise<WriteResult> => {
  if (spans.length === 0) return { inserted: 0, duplicates: 0, traceIds: [], traces: [] };
  const { result, resolved } = await attempt(sql, projectId, spans, ids);
  ids?.remember(projectId, resolved);
  return result;
};
