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
      -- Only what the classification needs: the CTE is read twice, so it is materialised.
      SELECT s."projectId", s."traceId", s."parentSpanId", s."applicationId", s.kind, s.model, s."toolName", s.name,
        s."durationMs", s.status, ${SERVICE_NAME} AS service
      FROM "Span" s
      WHERE s."projectId" = ${projectId}::uuid AND s."startTime" >= ${from}::timestamptz AND s."startTime" < ${to}::timestamptz
    ),
    calls AS (
      SELECT c."applicationId" AS source, c.type, c.key, c."durationMs", c.status
      FROM (
        SELECT s."applicationId", s."durationMs", s.status,
          CASE
            WHEN s.kind IN ('LLM', 'EMBEDDING', 'RERANKER') AND s.model IS NOT NULL THEN 'MODEL'
            WHEN s.kind = 'TOOL' THEN 'TOOL'
            WHEN s.kind = 'RETRIEVER' THEN 'RETRIEVER'
            WHEN s.service IS NOT NULL THEN 'SERVICE'
          END AS type,
          CASE
            WHEN s.kind IN ('LLM', 'EMBEDDING', 'RERANKER') AND s.model IS NOT NULL THEN s.model
            WHEN s.kind = 'TOOL' THEN COALESCE(s."toolName", s.name)
            WHEN s.kind = 'RETRIEVER' THEN s.name
            ELSE s.service
          END AS key
        FROM spans s
      ) c
      WHERE c.type IS NOT NULL
      UNION ALL
      SELECT p."applicationId", 'APPLICATION', s."applicationId"::text, s."durationMs", s.status
      FROM spans s
      JOIN "Span" p ON p."projectId" = s."projectId" AND p."traceId" = s."traceId" AND p."spanId" = s."parentSpanId"
      WHERE p."applicationId" <> s."applicationId"
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
  const nameOf = new Map(applications.map((a) => [a.id, a.name]));
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
    // A call between applications whose caller span started before the range has no caller node.
    edges: edgeRows
      .filter((row) => nameOf.has(row.source))
      .map(({ source, type, key, ...stats }) => ({ sourceApplicationId: source, target: { type, key }, ...stats })),
  };
};
