import type { Span } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { ApplicationRef, loadApplications } from './application.js';
import { DeploymentRef } from './deployment.js';
import { SpanRef } from './span.js';
import { SpanStatusEnum } from './span-enums.js';
import { spanLoaders } from './span-loaders.js';

const rootsOf = (spans: Span[]) => {
  const ids = new Set(spans.map((span) => span.spanId));
  return spans.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
};

export const TraceRef = builder.prismaNode('Trace', {
  // A missing or foreign object resolves to null, as Relay clients expect, not to an error.
  nullable: true,
  id: { field: 'id' },
  description: 'One OpenTelemetry trace: one request to an agent. The summary is recomputed from its spans.',
  findUnique: (id, ctx) => ({ id, AND: [{ projectId: ctx.principal.projectId }] }),
  fields: (t) => ({
    traceId: t.exposeString('traceId', { description: 'The 32-hex-digit OpenTelemetry trace id.' }),
    name: t.exposeString('name', { description: "The root span's name (the earliest span's while the root is missing)." }),
    application: t.loadable({
      type: ApplicationRef,
      description: 'The application of the root span.',
      load: loadApplications,
      resolve: (trace) => trace.applicationId,
    }),
    deployment: t.loadable({
      type: DeploymentRef,
      nullable: true,
      load: async (ids: string[], ctx) => {
        const rows = await ctx.prisma.deployment.findMany({ where: { id: { in: ids }, projectId: ctx.principal.projectId } });
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      },
      resolve: (trace) => trace.deploymentId,
    }),
    startTime: t.expose('startTime', { type: 'DateTime' }),
    endTime: t.expose('endTime', { type: 'DateTime' }),
    durationMs: t.exposeFloat('durationMs', { description: 'Latency: first span start to last span end.' }),
    status: t.expose('status', { type: SpanStatusEnum }),
    hasError: t.boolean({ resolve: (trace) => trace.errorCount > 0 }),
    sessionId: t.exposeString('sessionId', { nullable: true }),
    userId: t.exposeString('userId', { nullable: true }),
    input: t.exposeString('input', { nullable: true }),
    output: t.exposeString('output', { nullable: true }),
    inputTokens: t.exposeInt('inputTokens', { description: 'Of model calls (LLM and embedding spans) only.' }),
    outputTokens: t.exposeInt('outputTokens'),
    totalTokens: t.exposeInt('totalTokens'),
    cost: t.float({
      nullable: true,
      description: 'US dollars; null when no span had a known price.',
      resolve: (trace) => (trace.cost === null ? null : Number(trace.cost)),
    }),
    spanCount: t.exposeInt('spanCount'),
    errorCount: t.exposeInt('errorCount'),
    tags: t.exposeStringList('tags'),
    metadata: t.expose('metadata', { type: 'JSON' }),
    models: t.exposeStringList('models', {
      description: "The models of the trace's calls: the one that answered, else the one requested.",
    }),
    spans: t.field({
      type: [SpanRef],
      description: 'Every span of the trace in start order, loaded in one query; build the tree with `parentSpanId`.',
      resolve: (trace, _args, ctx) => spanLoaders(ctx).spansOfTrace.load(trace.traceId),
    }),
    rootSpan: t.field({
      type: SpanRef,
      nullable: true,
      description: 'The root span; null while it has not arrived. Batched for a whole page of traces.',
      resolve: (trace, _args, ctx) => spanLoaders(ctx).rootOfTrace.load(trace.traceId),
    }),
    rootSpans: t.field({
      type: [SpanRef],
      description: 'The root span, plus orphans whose parent never arrived; walk down with `children`.',
      resolve: async (trace, _args, ctx) => rootsOf(await spanLoaders(ctx).spansOfTrace.load(trace.traceId)),
    }),
  }),
});

builder.prismaObjectField(SpanRef, 'trace', (t) =>
  t.loadable({
    type: TraceRef,
    load: async (traceIds: string[], ctx) => {
      const rows = await ctx.prisma.trace.findMany({ where: { traceId: { in: traceIds }, projectId: ctx.principal.projectId } });
      const byTraceId = new Map(rows.map((row) => [row.traceId, row]));
      return traceIds.map((traceId) => byTraceId.get(traceId) ?? new Error(`Trace ${traceId} was not found`));
    },
    resolve: (span) => span.traceId,
  }),
);

builder.prismaObjectField(SpanRef, 'application', (t) =>
  t.loadable({
    type: ApplicationRef,
    load: loadApplications,
    resolve: (span) => span.applicationId,
  }),
);
