import { Prisma } from '../../generated/prisma/client.js';
import type { RawQuery } from '../metrics/raw-query.js';
import type { TimeRange } from '../metrics/time-range.js';

export type TopologyNodeType = 'APPLICATION' | 'MODEL' | 'TOOL' | 'RETRIEVER' | 'SERVICE';

/** A node is named by its type and key: an application's uuid, a model name, a tool name, a host. */
export type TopologyNodeKey = { type: TopologyNodeType; key: string };

export type TopologyNode = TopologyNodeKey & {
  name: string;
  /** Traces started in an application; calls received by any other node. */
  calls: number;
};

export type TopologyEdge = {
  sourceApplicationId: string;
  target: TopologyNodeKey;
  calls: number;
  errors: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
};

export type Topology = { nodes: TopologyNode[]; edges: TopologyEdge[] };

type EdgeRow = { source: string; type: TopologyNodeType; key: string } & Omit<TopologyEdge, 'sourceApplicationId' | 'target'>;
type ApplicationRow = { id: string; name: string; requests: number };

// Downstream services are named by the most specific attribute the instrumentation set:
// old and new OpenTelemetry semantic conventions both occur in the wild.
const SERVICE_NAME = Prisma.sql`COALESCE(s.attributes ->> 'peer.service', s.attributes ->> 'db.system.name',
  s.attributes ->> 'db.system', s.attributes ->> 'server.address', s.attributes ->> 'net.peer.name')`;

/**
 * Who calls what across all traces of the range, in two statements: every span is classified as
 * a call from its application to a model, tool, retriever or downstream service (or, when its
 * parent ran in another application, as a call between applications), and the calls are grouped
 * per edge. Spans that call nothing (chains, agents) add no edge.
 */
export const topology = async (db: RawQuery, projectId: string, q: TimeRange): Promise<Topology> => {
  const from = q.from.toISOString();
  const to = q.to.toISOString();
  const edgeRows = await db.$queryRaw<EdgeRow[]>`
    WITH spans AS (
      -- Slim rows: the CTE is read more than once, so it is materialised. Attributes may hold whole prompts,
      -- so only spans that are neither model, tool nor retriever calls look into them. A model call that got no
      -- answer (a timeout, a refusal) is known only by the model it asked for, and is a call to that model all the same.
      SELECT s."spanId", s."parentSpanId", s."traceId", s."applicationId", s."durationMs", s.status,
        CASE
          WHEN s.kind IN ('LLM', 'EMBEDDING', 'RERANKER') AND COALESCE(s.model, s."requestModel") IS NOT NULL THEN 'MODEL'
          WHEN s.kind = 'TOOL' THEN 'TOOL'
          WHEN s.kind = 'RETRIEVER' THEN 'RETRIEVER'
          WHEN ${SERVICE_NAME} IS NOT NULL THEN 'SERVICE'
        END AS type,
        CASE
          WHEN s.kind IN ('LLM', 'EMBEDDING', 'RERANKER') AND COALESCE(s.model, s."requestModel") IS NOT NULL
            THEN COALESCE(s.model, s."requestModel")
          WHEN s.kind = 'TOOL' THEN COALESCE(s."toolName", s.name)
          WHEN s.kind = 'RETRIEVER' THEN s.name
          ELSE ${SERVICE_NAME}
        END AS key
      FROM "Span" s
      WHERE s."projectId" = ${projectId}::uuid AND s."startTime" >= ${from}::timestamptz AND s."startTime" < ${to}::timestamptz
    ),
    -- Most traces stay inside one application; only the others can hold calls between applications.
    multi AS (
      SELECT "traceId" FROM spans GROUP BY "traceId" HAVING min("applicationId"::text) <> max("applicationId"::text)
    ),
    calls AS (
      SELECT "applicationId" AS source, type, key, "durationMs", status FROM spans WHERE type IS NOT NULL
      UNION ALL
      -- A span whose parent ran in another application is a call between them. The parent is looked
      -- up by the unique (project, trace, span) index and must also have started in the range, so
      -- its application is a node too.
      SELECT p."applicationId", 'APPLICATION', s."applicationId"::text, s."durationMs", s.status
      FROM multi m
      JOIN spans s ON s."traceId" = m."traceId"
      JOIN "Span" p ON p."projectId" = ${projectId}::uuid AND p."traceId" = s."traceId" AND p."spanId" = s."parentSpanId"
      WHERE p."applicationId" <> s."applicationId" AND p."startTime" >= ${from}::timestamptz
    )
    SELECT source::text AS source, type, key, count(*)::int AS calls,
      count(*) FILTER (WHERE status = 'ERROR')::int AS errors,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY "durationMs") AS "latencyP50Ms",
      percentile_cont(0.95) WITHIN GROUP (ORDER BY "durationMs") AS "latencyP95Ms"
    FROM calls
    GROUP BY source, type, key
    ORDER BY calls DESC, source, type, key`;
  const applications = await db.$queryRaw<ApplicationRow[]>`
    SELECT a.id::text AS id, a.name,
      (SELECT count(*)::int FROM "Trace" t WHERE t."projectId" = a."projectId" AND t."applicationId" = a.id
         AND t."startTime" >= ${from}::timestamptz AND t."startTime" < ${to}::timestamptz) AS requests
    FROM "Application" a
    WHERE a."projectId" = ${projectId}::uuid AND EXISTS (
      SELECT 1 FROM "Span" s WHERE s."projectId" = a."projectId" AND s."applicationId" = a.id
        AND s."startTime" >= ${from}::timestamptz AND s."startTime" < ${to}::timestamptz)
    ORDER BY a.name`;
  const targets = new Map<string, TopologyNode>();
  for (const row of edgeRows) {
    if (row.type === 'APPLICATION') continue;
    const id = `${row.type}:${row.key}`;
    const node = targets.get(id) ?? { type: row.type, key: row.key, name: row.key, calls: 0 };
    node.calls += row.calls;
    targets.set(id, node);
  }
  return {
    nodes: [
      ...applications.map((a) => ({ type: 'APPLICATION' as const, key: a.id, name: a.name, calls: a.requests })),
      ...[...targets.values()].sort((a, b) => b.calls - a.calls || a.type.localeCompare(b.type) || a.key.localeCompare(b.key)),
    ],
    edges: edgeRows.map(({ source, type, key, ...stats }) => ({ sourceApplicationId: source, target: { type, key }, ...stats })),
  };
};
