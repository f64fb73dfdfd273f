import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { copyFromStdin } from '../server/src/db/copy-from-stdin.js';
import type { SqlClient } from '../server/src/db/sql-client.js';
import type { NormalizedSpan } from '../server/src/tracing/normalized-span.js';
import { REFRESH_TRACES } from '../server/src/tracing/refresh-traces.js';
import { openBenchDatabase } from './support/bench-database.js';
import { runClosedLoopLoad } from './support/closed-loop-load.js';
import { prepareCopyTargets } from './support/copy-targets.js';
import { countSqlStatements } from './support/count-sql-statements.js';
import { summarizeLatencies } from './support/latency-summary.js';
import { BENCH_APPLICATIONS, makeLlmTrace, SPANS_PER_TRACE } from './support/llm-trace-factory.js';
import { currentLoad, machineLoad } from './support/machine-load.js';
import { COPY_SPANS_SQL, encodeCopyRows } from './support/span-copy-rows.js';
import { skippedWithoutPostgres, startBenchServer } from './support/start-bench-server.js';

// BENCH_SPANS=100000 for a quick run; the goal is stated for the default, 1M spans.
const SPANS = Math.max(
  SPANS_PER_TRACE,
  Math.floor(Number(process.env.BENCH_SPANS ?? 1_000_000) / SPANS_PER_TRACE) * SPANS_PER_TRACE,
);
const TRACES = SPANS / SPANS_PER_TRACE;
const HOURS = 48;
// 50,000 spans per COPY: big enough to amortise the round trip, small enough to refresh traces in one go.
const TRACES_PER_CHUNK = 5_000;
const LOAD_CAP_MS = Number(process.env.BENCH_LOAD_CAP_MS ?? 20 * 60_000);
const REQUESTS = 50;
const WARMUP_REQUESTS = 5;
const QUERY_TIME_CAP_MS = 60_000;

const TRACE_LIST = `query TraceList($application: ID!, $from: DateTime!, $to: DateTime!) {
  traces(first: 50, filter: { application: $application, from: $from, to: $to }) {
    edges { node { traceId name startTime durationMs status totalTokens cost spanCount
      rootSpan { spanId name kind model } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const TRACE_DETAIL = `query TraceDetail($traceId: String!) {
  trace(traceId: $traceId) {
    traceId name durationMs status spanCount
    spans { spanId parentSpanId name kind model startTime durationMs status inputTokens outputTokens cost input output toolName }
  }
}`;

const METRICS = `query Metrics($from: DateTime!, $to: DateTime!) {
  metrics(input: { from: $from, to: $to, bucket: HOUR }) {
    bucketSeconds
    series { key points { bucket requests errors latencyP50Ms latencyP99Ms inputTokens outputTokens cost } }
  }
}`;

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

type GraphqlResult = { data?: Record<string, any>; errors?: unknown[] };

/**
 * 1M spans / 100k traces (BENCH_SPANS) of four applications over 48 hours, loaded by COPY plus the
 * server's own trace refresh, then the three reads a dashboard opens with, one request at a time:
 * the newest 50 traces of an application in the last 24 h, one trace with its spans, and a 24 h
 * hourly metrics series. Each request's SQL statements are counted, to catch N+1 queries.
 */
export const run = async (): Promise<Record<string, unknown>> => {
  const skipped = skippedWithoutPostgres();
  if (skipped) return skipped;
  const loadBefore = currentLoad();
  const bench = await openBenchDatabase();
  const counter = countSqlStatements();
  try {
    const server = await startBenchServer(bench.database);
    try {
      const load = await loadSpans(bench.url as string, bench.database.sql, server.projectId);
      const endpoint = `${server.url}/graphql`;
      const graphql = async (query: string, variables: Record<string, unknown>, signal?: AbortSignal) => {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
          body: JSON.stringify({ query, variables }),
          signal: signal ?? null,
        });
        const body = (await response.json()) as GraphqlResult;
        if (response.status !== 200 || body.errors || !body.data) {
          throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
        }
        return body.data;
      };

      const apps = await graphql('{ applications(first: 10) { edges { node { id name } } } }', {});
      const applicationIds = (apps.applications.edges as { node: { id: string } }[]).map((e) => e.node.id);
      const to = new Date(load.newest + 1);
      const from = new Date(to.getTime() - 24 * 3_600_000);
      let request = 0;

      const measure = async (name: string, send: (signal: AbortSignal) => Promise<void>) => {
        const statements: number[] = [];
        const counted = async (signal: AbortSignal) => {
          const before = counter.count();
          await send(signal);
          statements.push(counter.count() - before);
        };
        await runClosedLoopLoad({ total: WARMUP_REQUESTS, concurrency: 1, timeCapMs: QUERY_TIME_CAP_MS, send: counted });
        statements.length = 0;
        // One request at a time: latency without queueing, and a statement count that is this request's alone.
        const result = await runClosedLoopLoad({ total: REQUESTS, concurrency: 1, timeCapMs: QUERY_TIME_CAP_MS, send: counted });
        return {
          [name]: {
            completed: result.completed,
            failed: result.failed,
            cappedByTime: result.cappedByTime,
            ...(result.firstError ? { firstError: result.firstError } : {}),
            ...summarizeLatencies(result.latenciesMs),
            sqlStatementsPerRequest: { min: Math.min(...statements), max: Math.max(...statements) },
          },
        };
      };

      const traceList = await measure('traceList', async (signal) => {
        const application = applicationIds[request++ % applicationIds.length];
        const data = await graphql(TRACE_LIST, { application, from: from.toISOString(), to: to.toISOString() }, signal);
        const edges = data.traces.edges as { node: { rootSpan: unknown } }[];
        if (edges.length !== 50 || edges.some((e) => !e.node.rootSpan)) throw new Error(`expected 50 traces with root spans`);
      });
      const traceDetail = await measure('traceDetail', async (signal) => {
        // Spread over the whole data set, so the cache holds no more of it than a real user's clicks would find.
        const traceId = load.traceIdAt((request++ * 7919) % load.traces);
        const data = await graphql(TRACE_DETAIL, { traceId }, signal);
        if (data.trace?.spans?.length !== SPANS_PER_TRACE) throw new Error(`trace ${traceId} came back without its spans`);
      });
      const metrics = await measure('metrics24hHourly', async (signal) => {
        const data = await graphql(METRICS, { from: from.toISOString(), to: to.toISOString() }, signal);
        if ((data.metrics.series[0]?.points.length ?? 0) < 24) throw new Error('expected 24 hourly points');
      });

      return {
        database: bench.kind,
        plannedSpans: SPANS,
        loadedSpans: load.spans,
        loadedTraces: load.traces,
        applications: BENCH_APPLICATIONS.length,
        hoursOfData: HOURS,
        loadCappedByTime: load.cappedByTime,
        loadMs: Math.round(load.ms),
        loadSpansPerSecond: round((load.spans / load.ms) * 1000),
        analyzeMs: Math.round(load.analyzeMs),
        requestsEach: REQUESTS,
        concurrency: 1,
        ...traceList,
        ...traceDetail,
        ...metrics,
        goal: { traceListP95Ms: 50, metricsMs: 300 },
        machine: machineLoad(loadBefore),
        node: process.version,
      };
    } finally {
      await server.stop();
    }
  } finally {
    counter.restore();
    await bench.dispose();
  }
};

/**
 * COPY in chunks of 50,000 spans, each followed by the server's REFRESH_TRACES for its traces, the
 * next chunk encoded while the database works on the previous one. ANALYZE at the end, as
 * autovacuum would soon after a real bulk of writes, so the planner sees the real table sizes.
 */
const loadSpans = async (url: string, sql: SqlClient, projectId: string) => {
  const targets = await prepareCopyTargets(sql, projectId, BENCH_APPLICATIONS);
  const runTag = Date.now().toString(16).slice(-8).padStart(8, '0');
  const newest = Date.now() - 60_000;
  const oldest = newest - HOURS * 3_600_000;
  const step = (newest - oldest) / TRACES;
  const traceIdAt = (index: number) => `${runTag}${index.toString(16).padStart(24, '0')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  let spans = 0;
  let traces = 0;
  let cappedByTime = false;
  try {
    let pending: Promise<void> = Promise.resolve();
    for (let first = 0; first < TRACES; first += TRACES_PER_CHUNK) {
      if (performance.now() - started > LOAD_CAP_MS) {
        cappedByTime = true;
        break;
      }
      const count = Math.min(TRACES_PER_CHUNK, TRACES - first);
      const chunk: NormalizedSpan[] = [];
      for (let index = first; index < first + count; index++) {
        chunk.push(...makeLlmTrace({ runTag, index, start: new Date(oldest + index * step) }));
      }
      const rows = encodeCopyRows(chunk, targets);
      const traceIds = Array.from({ length: count }, (_, i) => traceIdAt(first + i));
      await pending;
      pending = (async () => {
        spans += await copyFromStdin(client, COPY_SPANS_SQL, [rows]);
        await client.query(REFRESH_TRACES, [projectId, traceIds]);
        traces += count;
      })();
    }
    await pending;
    const ms = performance.now() - started;
    const analyzeStarted = performance.now();
    await client.query('ANALYZE "Span", "Trace"');
    return { spans, traces, ms, analyzeMs: performance.now() - analyzeStarted, cappedByTime, newest, traceIdAt };
  } finally {
    await client.end();
  }
};
