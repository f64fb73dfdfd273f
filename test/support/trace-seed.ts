import type { SqlClient } from '../../server/src/db/sql-client.js';
import type { NormalizedSpan } from '../../server/src/tracing/normalized-span.js';
import { writeSpans } from '../../server/src/tracing/write-spans.js';
import { hexId, makeSpan } from './span-factory.js';

/** What a seeded trace is, so tests compute expected answers from the seed instead of hard-coding them. */
export type SeedTrace = {
  traceId: string;
  application: string;
  version: string;
  environment: string;
  start: Date;
  durationMs: number;
  error: boolean;
  sessionId: string | null;
  userId: string | null;
  tags: string[];
  metadata: Record<string, string>;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  input: string;
  output: string;
  spans: NormalizedSpan[];
};

export const SEED_BASE = new Date('2026-11-21T08:00:00.000Z');

const at = (ms: number) => new Date(SEED_BASE.getTime() + ms);

/**
 * The i-th trace of a deterministic data set: an agent root span with an LLM call, a tool call
 * (failing for every fourth trace) and a retriever, varied across applications, deployments,
 * sessions, users, tags, metadata, models, tokens, cost and latency.
 */
export const seedTrace = (i: number): SeedTrace => {
  const application = i % 3 === 2 ? 'support-bot' : 'checkout-agent';
  const staging = application === 'checkout-agent' && i % 2 === 1;
  const base: Omit<SeedTrace, 'spans'> = {
    traceId: hexId(16),
    application,
    version: staging ? '2.0.0' : '1.0.0',
    environment: staging ? 'staging' : 'production',
    start: at(i * 60_000),
    // Distinct latencies, not in index order, so sorting by latency differs from sorting by time.
    durationMs: 100 + ((i * 7) % 12) * 50,
    error: i % 4 === 3,
    sessionId: i < 10 ? `session-${i % 4}` : null,
    userId: i === 11 ? null : `user-${i % 3}`,
    tags: i % 2 === 0 ? ['beta', 'vip'] : ['beta'],
    metadata: { tenant: i % 2 === 0 ? 'globex' : 'acme' },
    model: i % 2 === 0 ? 'claude-3-5-sonnet' : 'gpt-4o',
    inputTokens: 100 + ((i * 5) % 12) * 10,
    outputTokens: 20 + i,
    cost: 0,
    input: i === 5 ? 'Is 50%_off a real discount?' : `Question number ${i}`,
    output: `Answer number ${i}`,
  };
  base.cost = (base.inputTokens * 2.5 + base.outputTokens * 10) / 1_000_000;
  const common = {
    traceId: base.traceId,
    serviceName: base.application,
    serviceVersion: base.version,
    environment: base.environment,
    sessionId: base.sessionId,
    userId: base.userId,
  };
  const rootStart = base.start;
  const root = makeSpan({
    ...common,
    name: `agent run ${i}`,
    kind: 'AGENT',
    startTime: rootStart,
    endTime: new Date(rootStart.getTime() + base.durationMs),
    status: 'OK',
    input: base.input,
    output: base.output,
    tags: base.tags,
    metadata: base.metadata,
  });
  const child = (offset: number, length: number, overrides: Partial<NormalizedSpan>) =>
    makeSpan({
      ...common,
      parentSpanId: root.spanId,
      startTime: new Date(rootStart.getTime() + offset),
      endTime: new Date(rootStart.getTime() + offset + length),
      status: 'OK',
      ...overrides,
    });
  const retriever = child(5, 20, {
    name: 'vector search',
    kind: 'RETRIEVER',
    retrievedDocuments: [{ id: `doc-${i}`, score: 0.9, content: 'refund policy' }],
  });
  const llm = child(30, 40, {
    name: `chat ${base.model}`,
    kind: 'LLM',
    operation: 'chat',
    provider: base.model.startsWith('gpt') ? 'openai' : 'anthropic',
    requestModel: base.model,
    model: base.model,
    inputTokens: base.inputTokens,
    outputTokens: base.outputTokens,
    totalTokens: base.inputTokens + base.outputTokens,
    cost: base.cost,
    input: base.input,
    output: `draft ${base.output}`,
    convention: 'genai',
    unmappedAttributes: ['vendor.custom'],
    attributes: { 'gen_ai.request.model': base.model, 'vendor.custom': 1 },
    events: [{ name: 'gen_ai.choice', time: at(i * 60_000 + 60).toISOString(), attributes: { index: 0 } }],
  });
  const tool = child(75, 20, {
    name: 'lookup order',
    kind: 'TOOL',
    toolName: i % 2 === 0 ? 'lookup_order' : 'refund',
    toolArguments: `{"order":${i}}`,
    toolResult: base.error ? null : '{"ok":true}',
    status: base.error ? 'ERROR' : 'OK',
    statusMessage: base.error ? 'order service timed out' : null,
  });
  return { ...base, spans: [root, retriever, llm, tool] };
};

export const seedTraces = (count: number) => Array.from({ length: count }, (_, i) => seedTrace(i));

export const writeSeed = async (sql: SqlClient, projectId: string, traces: SeedTrace[]) => {
  await writeSpans(
    sql,
    projectId,
    traces.flatMap((trace) => trace.spans),
  );
};
