import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { copyFromStdin } from '../server/src/db/copy-from-stdin.js';
import { otlpCollector, PROTO_TO_OBJECT } from '../server/src/ingestion/otlp-proto.js';
import type { NormalizedSpan } from '../server/src/tracing/normalized-span.js';
import { REFRESH_TRACES } from '../server/src/tracing/refresh-traces.js';
import { type BenchDatabase, openBenchDatabase } from './support/bench-database.js';
import { runClosedLoopLoad } from './support/closed-loop-load.js';
import { prepareCopyTargets } from './support/copy-targets.js';
import { startCpuProfile } from './support/cpu-profile.js';
import { encodeOtlpBatch } from './support/encode-otlp-batch.js';
import { summarizeLatencies } from './support/latency-summary.js';
import { BENCH_APPLICATIONS, makeLlmTrace, SPANS_PER_TRACE } from './support/llm-trace-factory.js';
import { currentLoad, machineLoad } from './support/machine-load.js';
import { createBodyPoster } from './support/post-body.js';
import { startPostgresCpu } from './support/postgres-cpu.js';
import { COPY_SPANS_SQL, encodeCopyRows } from './support/span-copy-rows.js';
import { skippedWithoutPostgres, startBenchServer } from './support/start-bench-server.js';

const SPANS_PER_BATCH = 1_000;
const BATCHES = Number(process.env.BENCH_INGEST_BATCHES ?? 50);
// Exporters send concurrently from several processes; 4 keeps both cores busy without queueing
// requests behind the pool of 10 connections.
const CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 4);
// Two rounds of every worker: each opens and warms its pooled connection (statements prepared,
// caches filled) and the JIT has seen thousands of spans before the clock starts.
const WARMUP_BATCHES = 2 * CONCURRENCY;
const TIME_CAP_MS = 120_000;

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
const perThousand = (ms: number | null, spans: number) => (ms === null || spans === 0 ? null : round((ms / spans) * 1000, 1));

const makeBatches = (runTag: string, firstTrace: number, count: number): NormalizedSpan[][] => {
  const tracesPerBatch = SPANS_PER_BATCH / SPANS_PER_TRACE;
  // Recent timestamps: ingestion refuses the far future, and retention would drop the far past.
  const base = Date.now() - 30 * 60_000;
  return Array.from({ length: count }, (_, b) =>
    Array.from({ length: tracesPerBatch }, (_, t) => {
      const index = firstTrace + b * tracesPerBatch + t;
      return makeLlmTrace({ runTag, index, start: new Date(base + index * 20) });
    }).flat(),
  );
};

const ingestOverHttp = async (bench: BenchDatabase, bodies: Uint8Array<ArrayBuffer>[], warmup: Uint8Array<ArrayBuffer>[]) => {
  const server = await startBenchServer(bench.database);
  const poster = createBodyPoster(
    `${server.url}/v1/traces`,
    { 'content-type': 'application/x-protobuf', authorization: `Bearer ${server.apiKey}` },
    CONCURRENCY,
  );
  try {
    const responseType = otlpCollector.trace.v1.ExportTraceServiceResponse;
    const post = async (body: Uint8Array, signal: AbortSignal) => {
      const answer = await poster.post(body, signal);
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}: ${answer.body.toString().slice(0, 200)}`);
      const decoded = responseType.toObject(responseType.decode(answer.body), PROTO_TO_OBJECT) as {
        partialSuccess?: { rejectedSpans?: string; errorMessage?: string };
      };
      if (Number(decoded.partialSuccess?.rejectedSpans ?? 0) > 0) {
        throw new Error(`rejected ${decoded.partialSuccess?.rejectedSpans} spans: ${decoded.partialSuccess?.errorMessage}`);
      }
    };
    let nextWarmup = 0;
    const warm = await runClosedLoopLoad({
      total: warmup.length,
      concurrency: CONCURRENCY,
      timeCapMs: TIME_CAP_MS,
      send: (signal) => post(warmup[nextWarmup++] as Uint8Array, signal),
    });
    if (warm.failed > 0) throw new Error(`warm-up failed: ${warm.firstError}`);
    let next = 0;
    const cpuBefore = process.cpuUsage();
    const postgresCpu = startPostgresCpu();
    const profile = await startCpuProfile('otlp-ingest');
    const load = await runClosedLoopLoad({
      total: bodies.length,
      concurrency: CONCURRENCY,
      timeCapMs: TIME_CAP_MS,
      send: (signal) => post(bodies[next++] as Uint8Array<ArrayBuffer>, signal),
    });
    const cpu = process.cpuUsage(cpuBefore);
    const postgresCpuMs = postgresCpu.stop();
    const cpuProfile = await profile.stop();
    // Model calls with a model name prove that normalisation ran, not just that rows landed.
    const [stored] = await bench.database.sql.query<{ spans: number; traces: number; modelCalls: number }>(
      `SELECT (SELECT count(*)::int FROM "Span") AS spans, (SELECT count(*)::int FROM "Trace") AS traces,
              (SELECT count(*)::int FROM "Span" WHERE kind = 'LLM' AND model IS NOT NULL) AS "modelCalls"`,
    );
    return { load, stored, cpuMs: (cpu.user + cpu.system) / 1000, postgresCpuMs, cpuProfile };
  } finally {
    poster.close();
    await server.stop();
  }
};

const copyDirectly = async (bench: BenchDatabase, batches: NormalizedSpan[][]) => {
  // A server start migrates and bootstraps the COPY database exactly like the ingest one.
  const server = await startBenchServer(bench.database);
  const projectId = server.projectId;
  await server.stop();
  const targets = await prepareCopyTargets(bench.database.sql, projectId, BENCH_APPLICATIONS);
  const chunks = batches.map((batch) => encodeCopyRows(batch, targets));
  const traceIds = [...new Set(batches.flat().map((s) => s.traceId))];
  const client = new pg.Client({ connectionString: bench.url });
  await client.connect();
  try {
    const started = performance.now();
    const postgresCpu = startPostgresCpu();
    const rows = await copyFromStdin(client, COPY_SPANS_SQL, chunks);
    const copyMs = performance.now() - started;
    const postgresCpuMs = postgresCpu.stop();
    // Not part of the raw COPY baseline: what deriving the trace rows costs on top of it.
    const refreshStarted = performance.now();
    await client.query(REFRESH_TRACES, [projectId, traceIds]);
    const refreshMs = performance.now() - refreshStarted;
    return { rows, copyMs, postgresCpuMs, refreshMs, bytes: chunks.reduce((sum, c) => sum + c.length, 0) };
  } finally {
    await client.end();
  }
};

/**
 * OTLP/protobuf batches of 1,000 GenAI spans POSTed to /v1/traces (decode, validate, normalise,
 * price, write, derive traces, commit), against the same spans loaded by one raw COPY into a
 * second, equally fresh database: how close the whole ingest path gets to PostgreSQL's bulk load.
 */
export const run = async (): Promise<Record<string, unknown>> => {
  const skipped = skippedWithoutPostgres();
  if (skipped) return skipped;
  const loadBefore = currentLoad();
  const runTag = Date.now().toString(16).slice(-8).padStart(8, '0');
  const batches = makeBatches(runTag, WARMUP_BATCHES * (SPANS_PER_BATCH / SPANS_PER_TRACE), BATCHES);
  const warmupBatches = makeBatches(runTag, 0, WARMUP_BATCHES);
  // Encoded once, up front: the timed part is the server's, not the client's protobuf encoding.
  const bodies = batches.map(encodeOtlpBatch);
  const warmup = warmupBatches.map(encodeOtlpBatch);

  const ingestDb = await openBenchDatabase();
  try {
    const { load, stored, cpuMs, postgresCpuMs, cpuProfile } = await ingestOverHttp(ingestDb, bodies, warmup);
    const copyDb = await openBenchDatabase();
    try {
      const copy = await copyDirectly(copyDb, batches);
      const ingestedSpans = load.completed * SPANS_PER_BATCH;
      const ingestSpansPerSecond = (ingestedSpans / load.elapsedMs) * 1000;
      const copySpansPerSecond = (copy.rows / copy.copyMs) * 1000;
      return {
        database: ingestDb.kind,
        spansPerBatch: SPANS_PER_BATCH,
        batches: BATCHES,
        concurrency: CONCURRENCY,
        warmupBatches: WARMUP_BATCHES,
        bodyBytesPerBatch: Math.round(bodies.reduce((sum, b) => sum + b.length, 0) / bodies.length),
        completed: load.completed,
        failed: load.failed,
        abortedAtCap: load.abortedAtCap,
        cappedByTime: load.cappedByTime,
        ...(load.firstError ? { firstError: load.firstError } : {}),
        storedSpans: stored?.spans,
        storedTraces: stored?.traces,
        storedModelCallsWithModel: stored?.modelCalls,
        ingestDurationMs: Math.round(load.elapsedMs),
        ingestSpansPerSecond: round(ingestSpansPerSecond),
        batchLatency: summarizeLatencies(load.latenciesMs),
        // CPU of this process (the server, and the load generator's cheap fetches of pre-encoded
        // bodies) per 1,000 spans: unlike the rate, it hardly moves when other work shares the cores.
        processCpuMsPer1kSpans: ingestedSpans > 0 ? round((cpuMs / ingestedSpans) * 1000, 1) : null,
        // Linux with a local PostgreSQL only (null elsewhere): what the database spent per 1,000 spans
        // ingested, and on the raw COPY of the same rows. The gap is ingestion's cost in the database.
        postgresCpuMsPer1kSpans: perThousand(postgresCpuMs, ingestedSpans),
        copyPostgresCpuMsPer1kSpans: perThousand(copy.postgresCpuMs, copy.rows),
        copyRows: copy.rows,
        copyBytes: copy.bytes,
        copyDurationMs: Math.round(copy.copyMs),
        copySpansPerSecond: round(copySpansPerSecond),
        ingestToCopyRatio: round(ingestSpansPerSecond / copySpansPerSecond, 3),
        traceRefreshAfterCopyMs: Math.round(copy.refreshMs),
        copyPlusRefreshSpansPerSecond: round((copy.rows / (copy.copyMs + copy.refreshMs)) * 1000),
        goal: { spansPerSecond: 20_000, ratioToCopy: 0.5 },
        machine: machineLoad(loadBefore),
        node: process.version,
        ...(cpuProfile ? { cpuProfile } : {}),
      };
    } finally {
      await copyDb.dispose();
    }
  } finally {
    await ingestDb.dispose();
  }
};
