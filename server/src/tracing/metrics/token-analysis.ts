import { Prisma } from '../../generated/prisma/client.js';
import type { RawQuery } from './raw-query.js';
import type { TimeRange } from './time-range.js';
import type { TraceScope } from './trace-scope.js';

export type TokenAverages = { inputTokens: number; outputTokens: number; cost: number };

export type TokenAnalysis = {
  requests: number;
  sessions: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  /** Null when there is nothing to average over. */
  perRequest: TokenAverages | null;
  /** Over the traces that belong to a session only; a session counts its traces inside the range. */
  perSession: TokenAverages | null;
  requestsPerSession: number | null;
};

type Row = {
  requests: number;
  sessions: number;
  session_requests: number;
  input_tokens: number;
  output_tokens: number;
  cost: number;
  session_input_tokens: number;
  session_output_tokens: number;
  session_cost: number;
};

const averages = (input: number, output: number, cost: number, count: number): TokenAverages | null =>
  count === 0 ? null : { inputTokens: input / count, outputTokens: output / count, cost: cost / count };

/** Totals and averages per request (trace) and per session, in one scan of the trace summaries. */
export const tokenAnalysis = async (db: RawQuery, projectId: string, q: TimeRange & TraceScope): Promise<TokenAnalysis> => {
  const [row] = await db.$queryRaw<Row[]>`
    SELECT count(*)::int AS requests,
      count(DISTINCT "sessionId")::int AS sessions,
      count(*) FILTER (WHERE "sessionId" IS NOT NULL)::int AS session_requests,
      COALESCE(sum("inputTokens"), 0)::float8 AS input_tokens,
      COALESCE(sum("outputTokens"), 0)::float8 AS output_tokens,
      COALESCE(sum(cost), 0)::float8 AS cost,
      COALESCE(sum("inputTokens") FILTER (WHERE "sessionId" IS NOT NULL), 0)::float8 AS session_input_tokens,
      COALESCE(sum("outputTokens") FILTER (WHERE "sessionId" IS NOT NULL), 0)::float8 AS session_output_tokens,
      COALESCE(sum(cost) FILTER (WHERE "sessionId" IS NOT NULL), 0)::float8 AS session_cost
    FROM "Trace"
    WHERE "projectId" = ${projectId}::uuid
      AND "startTime" >= ${q.from.toISOString()}::timestamptz AND "startTime" < ${q.to.toISOString()}::timestamptz
      ${q.applicationId ? Prisma.sql`AND "applicationId" = ${q.applicationId}::uuid` : Prisma.empty}
      ${q.deploymentId ? Prisma.sql`AND "deploymentId" = ${q.deploymentId}::uuid` : Prisma.empty}`;
  const r = row as Row;
  return {
    requests: r.requests,
    sessions: r.sessions,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    cost: r.cost,
    perRequest: averages(r.input_tokens, r.output_tokens, r.cost, r.requests),
    perSession: averages(r.session_input_tokens, r.session_output_tokens, r.session_cost, r.sessions),
    requestsPerSession: r.sessions === 0 ? null : r.session_requests / r.sessions,
  };
};
