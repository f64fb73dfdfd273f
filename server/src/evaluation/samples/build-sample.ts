import type { EvaluationSample, ToolDefinition } from '@agentloop/plugin-sdk';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';
import { documentsOf, parsedText, toolCallOf, toolDefinitionsOf, trajectoryStepOf } from './sample-parts.js';
import { MAX_SAMPLE_SPANS, type SampleSpan, type SampleTrace } from './sample-rows.js';

/** What to build a sample of: a trace by its OpenTelemetry id, or one span by its row id. */
export type SampleTarget = { type: 'trace'; traceId: string } | { type: 'span'; spanRowId: string };

type Db = PrismaClient | Prisma.TransactionClient;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The span and everything under it, in start order. */
const subtreeOf = (root: SampleSpan, spans: SampleSpan[]): SampleSpan[] => {
  const children = new Map<string, SampleSpan[]>();
  for (const span of spans) {
    if (!span.parentSpanId) continue;
    const siblings = children.get(span.parentSpanId);
    if (siblings) siblings.push(span);
    else children.set(span.parentSpanId, [span]);
  }
  const inTree = new Set<string>([root.spanId]);
  const queue = [root.spanId];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as string) ?? []) {
      if (inTree.has(child.spanId)) continue;
      inTree.add(child.spanId);
      queue.push(child.spanId);
    }
  }
  return spans.filter((span) => inTree.has(span.spanId));
};

const uniqueTools = (spans: SampleSpan[]): ToolDefinition[] => {
  const byName = new Map<string, ToolDefinition>();
  for (const span of spans) for (const tool of toolDefinitionsOf(span)) if (!byName.has(tool.name)) byName.set(tool.name, tool);
  return [...byName.values()];
};

/** Parts shared by trace and span samples, from a set of spans in start order. */
const partsOf = (spans: SampleSpan[]) => {
  const context = spans.filter((span) => span.kind === 'RETRIEVER' || span.kind === 'RERANKER').flatMap(documentsOf);
  const tools = uniqueTools(spans);
  const toolCalls = spans.filter((span) => span.kind === 'TOOL').map(toolCallOf);
  return {
    ...(context.length > 0 ? { context } : {}),
    ...(tools.length > 0 ? { tools } : {}),
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
    trajectory: spans.map(trajectoryStepOf),
  };
};

const spansOfTrace = (db: Db, projectId: string, traceId: string) =>
  db.span.findMany({
    where: { projectId, traceId },
    orderBy: [{ startTime: 'asc' }, { spanId: 'asc' }],
    take: MAX_SAMPLE_SPANS,
  });

/** Where scores about a built sample attach: its trace, span and application. */
export type SampleAnchor = { traceId: string; spanId: string | null; applicationId: string | null };

/** A built sample with where its scores attach. */
export type AnchoredSample = { sample: EvaluationSample; anchor: SampleAnchor };

/**
 * A trace's sample from its row and its first MAX_SAMPLE_SPANS spans in start order. Pure, so a
 * dry run (one trace) and an eval task (a batch of traces, read together) build the same sample.
 */
export const traceSampleOf = (trace: SampleTrace, spans: SampleSpan[]): AnchoredSample => {
  const sample: EvaluationSample = {
    target: { type: 'trace', id: trace.traceId },
    ...(trace.input !== null ? { input: parsedText(trace.input) } : {}),
    ...(trace.output !== null ? { output: parsedText(trace.output) } : {}),
    ...partsOf(spans),
    metadata: {
      ...(isObject(trace.metadata) ? trace.metadata : {}),
      traceName: trace.name,
      ...(trace.sessionId ? { sessionId: trace.sessionId } : {}),
      ...(trace.userId ? { userId: trace.userId } : {}),
      ...(trace.tags.length > 0 ? { tags: trace.tags } : {}),
      ...(trace.spanCount > spans.length ? { spansTruncatedAt: spans.length } : {}),
    },
  };
  return { sample, anchor: { traceId: trace.traceId, spanId: null, applicationId: trace.applicationId } };
};

/** A span's sample from its row and its trace's first MAX_SAMPLE_SPANS spans in start order (see traceSampleOf). */
export const spanSampleOf = (span: SampleSpan, traceSpans: SampleSpan[]): AnchoredSample => {
  const spans = subtreeOf(span, traceSpans);
  const own = documentsOf(span);
  const parts = partsOf(spans.length > 0 ? spans : [span]);
  const sample: EvaluationSample = {
    target: { type: 'span', id: span.id },
    ...(span.input !== null ? { input: parsedText(span.input) } : {}),
    ...(span.output !== null ? { output: parsedText(span.output) } : {}),
    ...parts,
    ...(own.length > 0 ? { context: own } : {}),
    metadata: {
      ...(isObject(span.metadata) ? span.metadata : {}),
      traceId: span.traceId,
      spanId: span.spanId,
      spanName: span.name,
      ...(span.sessionId ? { sessionId: span.sessionId } : {}),
      ...(span.userId ? { userId: span.userId } : {}),
      ...(span.tags.length > 0 ? { tags: span.tags } : {}),
    },
  };
  return { sample, anchor: { traceId: span.traceId, spanId: span.spanId, applicationId: span.applicationId } };
};

/**
 * Builds the evaluation sample of a trace or span from what ingestion stored: input and output
 * (JSON text parsed), retrieved documents of retriever/reranker spans as context, tool
 * definitions offered to LLM spans, tool spans as tool calls (status from the span), the spans
 * as the trajectory, and metadata (with session, user and tags). A span's sample covers the span
 * and its descendants. Returns null when the target is not in the project.
 */
export const buildSample = async (db: Db, projectId: string, target: SampleTarget): Promise<EvaluationSample | null> =>
  (await buildAnchoredSample(db, projectId, target))?.sample ?? null;

/** buildSample, with what an eval task needs to attach scores, read in the same queries. */
export const buildAnchoredSample = async (db: Db, projectId: string, target: SampleTarget): Promise<AnchoredSample | null> => {
  if (target.type === 'trace') {
    const trace = await db.trace.findUnique({ where: { projectId_traceId: { projectId, traceId: target.traceId } } });
    if (!trace) return null;
    return traceSampleOf(trace, await spansOfTrace(db, projectId, trace.traceId));
  }
  const span = await db.span.findFirst({ where: { id: target.spanRowId, projectId } });
  if (!span) return null;
  return spanSampleOf(span, await spansOfTrace(db, projectId, span.traceId));
};
