import type { EvaluationSample, ToolDefinition } from '@agentloop/plugin-sdk';
import type { Prisma, PrismaClient, Span } from '../../generated/prisma/client.js';
import { documentsOf, parsedText, toolCallOf, toolDefinitionsOf, trajectoryStepOf } from './sample-parts.js';

/** What to build a sample of: a trace by its OpenTelemetry id, or one span by its row id. */
export type SampleTarget = { type: 'trace'; traceId: string } | { type: 'span'; spanRowId: string };

/** Spans read per sample: keeps one giant trace from holding memory; the trajectory says it was cut. */
export const MAX_SAMPLE_SPANS = 2000;

type Db = PrismaClient | Prisma.TransactionClient;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The span and everything under it, in start order. */
const subtreeOf = (root: Span, spans: Span[]): Span[] => {
  const children = new Map<string, Span[]>();
  for (const span of spans) {
    if (!span.parentSpanId) continue;
    children.set(span.parentSpanId, [...(children.get(span.parentSpanId) ?? []), span]);
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

const uniqueTools = (spans: Span[]): ToolDefinition[] => {
  const byName = new Map<string, ToolDefinition>();
  for (const span of spans) for (const tool of toolDefinitionsOf(span)) if (!byName.has(tool.name)) byName.set(tool.name, tool);
  return [...byName.values()];
};

/** Parts shared by trace and span samples, from a set of spans in start order. */
const partsOf = (spans: Span[]) => {
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

/**
 * Builds the evaluation sample of a trace or span from what ingestion stored: input and output
 * (JSON text parsed), retrieved documents of retriever/reranker spans as context, tool
 * definitions offered to LLM spans, tool spans as tool calls (status from the span), the spans
 * as the trajectory, and metadata (with session, user and tags). A span's sample covers the span
 * and its descendants. Returns null when the target is not in the project.
 */
export const buildSample = async (db: Db, projectId: string, target: SampleTarget): Promise<EvaluationSample | null> => {
  if (target.type === 'trace') {
    const trace = await db.trace.findUnique({ where: { projectId_traceId: { projectId, traceId: target.traceId } } });
    if (!trace) return null;
    const spans = await spansOfTrace(db, projectId, trace.traceId);
    return {
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
  }
  const span = await db.span.findFirst({ where: { id: target.spanRowId, projectId } });
  if (!span) return null;
  const spans = subtreeOf(span, await spansOfTrace(db, projectId, span.traceId));
  const own = documentsOf(span);
  const parts = partsOf(spans.length > 0 ? spans : [span]);
  return {
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
};
