import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Span } from '../../generated/prisma/client.js';
import { groupByParent, loadChildSpans, loadRootSpans, loadSpansOfTraces } from '../../tracing/queries/trace-spans.js';
import type { GraphQLContext } from '../context.js';

const childKey = (traceId: string, spanId: string) => `${traceId}:${spanId}`;

/**
 * Per-request loaders of the span tree. Loading a trace's spans also fills in every span's
 * children, so a 10,000-span tree is one query and `children` never goes back to the database.
 */
export const spanLoaders = createContextCache((ctx: GraphQLContext) => {
  const { projectId } = ctx.principal;
  const children = new DataLoader<string, Span[]>(async (keys) => {
    const parents = keys.map((key) => {
      const [traceId = '', spanId = ''] = key.split(':');
      return { traceId, spanId };
    });
    const spans = await loadChildSpans(ctx.prisma, projectId, parents);
    const grouped = new Map<string, Span[]>();
    for (const span of spans) {
      const key = childKey(span.traceId, span.parentSpanId ?? '');
      const list = grouped.get(key);
      if (list) list.push(span);
      else grouped.set(key, [span]);
    }
    return keys.map((key) => grouped.get(key) ?? []);
  });

  const spansOfTrace = new DataLoader<string, Span[]>(async (traceIds) => {
    const spans = await loadSpansOfTraces(ctx.prisma, projectId, traceIds);
    const byTrace = new Map<string, Span[]>();
    for (const span of spans) {
      const list = byTrace.get(span.traceId);
      if (list) list.push(span);
      else byTrace.set(span.traceId, [span]);
    }
    for (const traceSpans of byTrace.values()) {
      const grouped = groupByParent(traceSpans);
      for (const span of traceSpans) children.prime(childKey(span.traceId, span.spanId), grouped.get(span.spanId) ?? []);
    }
    return traceIds.map((traceId) => byTrace.get(traceId) ?? []);
  });

  // A page of traces showing their root spans loads only the roots, not every span of every trace.
  const rootOfTrace = new DataLoader<string, Span | null>(async (traceIds) => {
    const roots = await loadRootSpans(ctx.prisma, projectId, traceIds);
    const byTrace = new Map<string, Span>();
    for (const root of roots) if (!byTrace.has(root.traceId)) byTrace.set(root.traceId, root);
    return traceIds.map((traceId) => byTrace.get(traceId) ?? null);
  });

  return {
    spansOfTrace,
    rootOfTrace,
    childrenOf: (span: Span) => children.load(childKey(span.traceId, span.spanId)),
  };
});
