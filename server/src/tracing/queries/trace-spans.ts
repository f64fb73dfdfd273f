import type { PrismaClient, Span } from '../../generated/prisma/client.js';

// Start order, then span id, so spans starting in the same microsecond still come out stably.
const START_ORDER = [{ startTime: 'asc' as const }, { spanId: 'asc' as const }];

/** Every span of the given traces in one query, in start order. */
export const loadSpansOfTraces = (prisma: PrismaClient, projectId: string, traceIds: readonly string[]): Promise<Span[]> =>
  prisma.span.findMany({ where: { projectId, traceId: { in: [...traceIds] } }, orderBy: START_ORDER });

/** The root spans (no parent) of the given traces in one query: what a trace list shows per row. */
export const loadRootSpans = (prisma: PrismaClient, projectId: string, traceIds: readonly string[]): Promise<Span[]> =>
  prisma.span.findMany({ where: { projectId, traceId: { in: [...traceIds] }, parentSpanId: null }, orderBy: START_ORDER });

export type SpanRef = { traceId: string; spanId: string };

/** The direct children of the given spans in one query, in start order. */
export const loadChildSpans = (prisma: PrismaClient, projectId: string, parents: readonly SpanRef[]): Promise<Span[]> => {
  const byTrace = new Map<string, string[]>();
  for (const { traceId, spanId } of parents) {
    const list = byTrace.get(traceId);
    if (list) list.push(spanId);
    else byTrace.set(traceId, [spanId]);
  }
  return prisma.span.findMany({
    where: {
      projectId,
      OR: [...byTrace].map(([traceId, spanIds]) => ({ traceId, parentSpanId: { in: spanIds } })),
    },
    orderBy: START_ORDER,
  });
};

/** Spans grouped under their parent's span id; roots (and orphans whose parent never arrived) under null. */
export const groupByParent = (spans: readonly Span[]) => {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string | null, Span[]>();
  for (const span of spans) {
    const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : null;
    const list = children.get(parent);
    if (list) list.push(span);
    else children.set(parent, [span]);
  }
  return children;
};
