import type { EvaluationSample, RetrievedDocument, ToolCall, TrajectoryStep } from '@agentloop/plugin-sdk';
import type { Span } from '../../generated/prisma/client.js';
import type { SampleLoader } from './eval-runtime.js';

/** A trace's trajectory is capped: judges read a bounded prompt, and 10k-span traces exist. */
const MAX_TRAJECTORY = 500;

const parseMaybeJson = (value: string | null): unknown => {
  if (value === null) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

const status = (span: Span): ToolCall['status'] => (span.status === 'OK' ? 'ok' : span.status === 'ERROR' ? 'error' : 'unset');

const toolCallOf = (span: Span): ToolCall => ({
  name: span.toolName ?? span.name,
  arguments: parseMaybeJson(span.toolArguments) ?? {},
  ...(span.toolResult !== null ? { result: parseMaybeJson(span.toolResult) } : {}),
  status: status(span),
  ...(span.status === 'ERROR' && span.statusMessage ? { error: span.statusMessage } : {}),
  spanId: span.spanId,
});

const documentsOf = (span: Span): RetrievedDocument[] =>
  (Array.isArray(span.retrievedDocuments) ? span.retrievedDocuments : []).flatMap((doc) => {
    if (typeof doc === 'string') return [{ content: doc }];
    if (doc && typeof doc === 'object' && 'content' in doc && typeof doc.content === 'string') {
      const { content, id, score, metadata } = doc as Record<string, unknown>;
      return [
        {
          content: content as string,
          ...(typeof id === 'string' ? { id } : {}),
          ...(typeof score === 'number' ? { score } : {}),
          ...(metadata && typeof metadata === 'object' ? { metadata: metadata as Record<string, unknown> } : {}),
        },
      ];
    }
    return [];
  });

const stepOf = (span: Span): TrajectoryStep => ({
  spanId: span.spanId,
  ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
  name: span.name,
  kind: span.kind.toLowerCase(),
  status: status(span),
  startTime: span.startTime.toISOString(),
  durationMs: span.durationMs,
  ...(span.input !== null ? { input: parseMaybeJson(span.input) } : {}),
  ...(span.output !== null ? { output: parseMaybeJson(span.output) } : {}),
  ...(span.toolName ? { toolName: span.toolName } : {}),
  ...(span.model ? { model: span.model } : {}),
});

const withParts = (sample: EvaluationSample, spans: Span[]): EvaluationSample => {
  const tools = spans.filter((span) => span.kind === 'TOOL');
  const context = spans.filter((span) => span.kind === 'RETRIEVER').flatMap(documentsOf);
  return {
    ...sample,
    ...(tools.length > 0 ? { toolCalls: tools.map(toolCallOf) } : {}),
    ...(context.length > 0 ? { context } : {}),
  };
};

/**
 * Reads a trace or span as an evaluation sample (input, output, tool calls, retrieved context,
 * trajectory, metadata). The plugin host's buildSample replaces it once that lands.
 */
export const loadSampleFromTraces: SampleLoader = async (prisma, projectId, candidate) => {
  if (candidate.targetType === 'SPAN') {
    const span = await prisma.span.findFirst({ where: { id: candidate.targetId, projectId } });
    if (!span) return null;
    const sample: EvaluationSample = {
      target: { type: 'span', id: span.id },
      ...(span.input !== null ? { input: parseMaybeJson(span.input) } : {}),
      ...(span.output !== null ? { output: parseMaybeJson(span.output) } : {}),
      metadata: { ...(span.metadata as Record<string, unknown>), spanName: span.name, kind: span.kind, model: span.model },
    };
    return {
      sample: withParts(sample, [span]),
      target: { traceId: span.traceId, spanId: span.spanId, applicationId: span.applicationId },
    };
  }
  const trace = await prisma.trace.findUnique({ where: { projectId_traceId: { projectId, traceId: candidate.targetId } } });
  if (!trace) return null;
  const spans = await prisma.span.findMany({
    where: { projectId, traceId: trace.traceId },
    orderBy: [{ startTime: 'asc' }, { id: 'asc' }],
    take: MAX_TRAJECTORY,
  });
  const sample: EvaluationSample = {
    target: { type: 'trace', id: trace.id },
    ...(trace.input !== null ? { input: parseMaybeJson(trace.input) } : {}),
    ...(trace.output !== null ? { output: parseMaybeJson(trace.output) } : {}),
    trajectory: spans.map(stepOf),
    metadata: {
      ...(trace.metadata as Record<string, unknown>),
      ...(trace.sessionId ? { sessionId: trace.sessionId } : {}),
      ...(trace.userId ? { userId: trace.userId } : {}),
      ...(trace.tags.length > 0 ? { tags: trace.tags } : {}),
    },
  };
  return {
    sample: withParts(sample, spans),
    target: { traceId: trace.traceId, spanId: null, applicationId: trace.applicationId },
  };
};
