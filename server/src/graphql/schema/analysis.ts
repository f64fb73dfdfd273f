import { z } from 'zod';
import { type ErrorGroup, errorGroups } from '../../tracing/analysis/error-groups.js';
import { type OperationStats, operationAnalysis } from '../../tracing/analysis/operation-analysis.js';
import { type SlowSpan, slowestSpans } from '../../tracing/analysis/slowest-spans.js';
import { type SlowTrace, slowestTraces } from '../../tracing/analysis/slowest-traces.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { decodeTypedId, limitSchema, rangeSchema } from './metrics-input.js';
import { SpanKindEnum, SpanStatusEnum } from './span-enums.js';

const rangeAndLimit = rangeSchema.and(z.looseObject({ limit: limitSchema.nullish() }));

const applicationIdOf = (globalId: string | null | undefined) =>
  globalId ? decodeTypedId(globalId, 'Application', 'application') : null;

const nodeIdOf = (typename: string, rowId: string | null) => (rowId ? encodeGlobalId(typename, rowId) : null);

const AnalysisTraceRef = builder.objectRef<SlowTrace>('AnalysisTrace').implement({
  description: 'A trace summary, as analysis lists show it.',
  fields: (t) => ({
    traceNodeId: t.id({ description: 'Global ID of the Trace.', resolve: (r) => encodeGlobalId('Trace', r.id) }),
    traceId: t.exposeString('traceId', { description: 'The OpenTelemetry trace id (32 hex digits).' }),
    name: t.exposeString('name'),
    applicationNodeId: t.id({
      description: 'Global ID of the Application.',
      resolve: (r) => encodeGlobalId('Application', r.applicationId),
    }),
    applicationName: t.exposeString('applicationName'),
    startTime: t.expose('startTime', { type: 'DateTime' }),
    durationMs: t.exposeFloat('durationMs'),
    status: t.field({ type: SpanStatusEnum, resolve: (r) => r.status }),
    spanCount: t.exposeInt('spanCount'),
    errorCount: t.exposeInt('errorCount'),
  }),
});

const AnalysisSpanRef = builder.objectRef<SlowSpan>('AnalysisSpan').implement({
  description: 'A span summary, as analysis lists show it.',
  fields: (t) => ({
    spanNodeId: t.id({ description: 'Global ID of the Span.', resolve: (r) => encodeGlobalId('Span', r.id) }),
    traceNodeId: t.id({
      nullable: true,
      description: 'Global ID of its Trace.',
      resolve: (r) => nodeIdOf('Trace', r.traceRowId),
    }),
    traceId: t.exposeString('traceId'),
    spanId: t.exposeString('spanId', { description: 'The OpenTelemetry span id (16 hex digits).' }),
    name: t.exposeString('name'),
    kind: t.field({ type: SpanKindEnum, resolve: (r) => r.kind }),
    operation: t.exposeString('operation', { nullable: true }),
    model: t.exposeString('model', { nullable: true }),
    toolName: t.exposeString('toolName', { nullable: true }),
    applicationName: t.exposeString('applicationName'),
    startTime: t.expose('startTime', { type: 'DateTime' }),
    durationMs: t.exposeFloat('durationMs'),
    status: t.field({ type: SpanStatusEnum, resolve: (r) => r.status }),
  }),
});

const AnalysisErrorGroupRef = builder.objectRef<ErrorGroup>('AnalysisErrorGroup').implement({
  description: 'Failed spans with the same error type and message.',
  fields: (t) => ({
    errorType: t.exposeString('errorType', {
      description:
        "The exception event's `exception.type`, else the span's `error.type` attribute, else the status message's first line.",
    }),
    message: t.exposeString('message', { description: 'First line of the exception message or status message.' }),
    count: t.exposeInt('count', { description: 'Failed spans.' }),
    traceCount: t.exposeInt('traceCount', { description: 'Distinct traces they belong to.' }),
    firstSeen: t.expose('firstSeen', { type: 'DateTime' }),
    lastSeen: t.expose('lastSeen', { type: 'DateTime' }),
    sampleTraceId: t.exposeString('sampleTraceId', { description: 'OpenTelemetry trace id of the latest occurrence.' }),
    sampleTraceNodeId: t.id({
      nullable: true,
      description: 'Global ID of the latest occurrence’s Trace.',
      resolve: (g) => nodeIdOf('Trace', g.sampleTraceRowId),
    }),
    spanKinds: t.field({ type: [SpanKindEnum], resolve: (g) => g.spanKinds }),
  }),
});

const AnalysisOperationRef = builder.objectRef<OperationStats>('AnalysisOperation').implement({
  description: 'Calls of one operation: a tool, a retriever, an embedding call, a method.',
  fields: (t) => ({
    kind: t.field({ type: SpanKindEnum, resolve: (o) => o.kind }),
    name: t.exposeString('name', { description: 'The tool name for tool calls, the span name otherwise.' }),
    operation: t.exposeString('operation', { nullable: true, description: 'The most frequent normalised operation.' }),
    calls: t.exposeInt('calls'),
    errors: t.exposeInt('errors'),
    errorRate: t.float({ resolve: (o) => o.errors / o.calls }),
    latencyP50Ms: t.exposeFloat('latencyP50Ms'),
    latencyP95Ms: t.exposeFloat('latencyP95Ms'),
    latencyAvgMs: t.exposeFloat('latencyAvgMs'),
    lastSeen: t.expose('lastSeen', { type: 'DateTime' }),
  }),
});

builder.queryField('slowestTraces', (t) =>
  t.field({
    type: [AnalysisTraceRef],
    authScopes: { viewer: true },
    description: 'The longest traces that started in [from, to), longest first.',
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      limit: t.arg.int({ required: false, defaultValue: 10, description: '1..100' }),
      application: t.arg.id({ required: false, description: 'Global ID of an Application.' }),
    },
    validate: rangeAndLimit,
    resolve: (_root, args, ctx) =>
      slowestTraces(ctx.prisma, ctx.principal.projectId, {
        from: args.from,
        to: args.to,
        limit: args.limit ?? 10,
        applicationId: applicationIdOf(args.application),
      }),
  }),
);

builder.queryField('slowestSpans', (t) =>
  t.field({
    type: [AnalysisSpanRef],
    authScopes: { viewer: true },
    description: 'The longest spans that started in [from, to), longest first, optionally of one kind.',
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      kind: t.arg({ type: SpanKindEnum, required: false }),
      limit: t.arg.int({ required: false, defaultValue: 10, description: '1..100' }),
      application: t.arg.id({ required: false, description: 'Global ID of an Application.' }),
    },
    validate: rangeAndLimit,
    resolve: (_root, args, ctx) =>
      slowestSpans(ctx.prisma, ctx.principal.projectId, {
        from: args.from,
        to: args.to,
        kind: args.kind,
        limit: args.limit ?? 10,
        applicationId: applicationIdOf(args.application),
      }),
  }),
);

builder.queryField('errorGroups', (t) =>
  t.field({
    type: [AnalysisErrorGroupRef],
    authScopes: { viewer: true },
    description: 'Failed spans of [from, to) grouped by error type and message, most frequent first.',
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      limit: t.arg.int({ required: false, defaultValue: 50, description: '1..100' }),
      application: t.arg.id({ required: false, description: 'Global ID of an Application.' }),
    },
    validate: rangeAndLimit,
    resolve: (_root, args, ctx) =>
      errorGroups(ctx.prisma, ctx.principal.projectId, {
        from: args.from,
        to: args.to,
        limit: args.limit ?? 50,
        applicationId: applicationIdOf(args.application),
      }),
  }),
);

builder.queryField('operationAnalysis', (t) =>
  t.field({
    type: [AnalysisOperationRef],
    authScopes: { viewer: true },
    description: 'Calls, errors and latency per operation name in [from, to), busiest first, optionally of one kind.',
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      kind: t.arg({ type: SpanKindEnum, required: false }),
      limit: t.arg.int({ required: false, defaultValue: 50, description: '1..100' }),
      application: t.arg.id({ required: false, description: 'Global ID of an Application.' }),
    },
    validate: rangeAndLimit,
    resolve: (_root, args, ctx) =>
      operationAnalysis(ctx.prisma, ctx.principal.projectId, {
        from: args.from,
        to: args.to,
        kind: args.kind,
        limit: args.limit ?? 50,
        applicationId: applicationIdOf(args.application),
      }),
  }),
);
