import type { SpanKind, SpanStatus } from '../../server/src/generated/prisma/enums.js';
import type { NormalizedSpan, SpanEvent } from '../../server/src/tracing/normalized-span.js';
import { hexId, makeSpan } from './span-factory.js';

/** One call a seeded trace makes, as a child of its root span. */
export type CallSeed = {
  kind: SpanKind;
  name?: string;
  model?: string;
  toolName?: string;
  inputTokens?: number;
  outputTokens?: number;
  cost?: number;
  offsetMs?: number;
  durationMs: number;
  status?: SpanStatus;
  statusMessage?: string;
  events?: SpanEvent[];
  attributes?: Record<string, unknown>;
};

/** A trace described by what the metrics should see: its root span and the calls under it. */
export type TraceSeed = {
  app: string;
  version?: string;
  environment?: string;
  start: string;
  durationMs: number;
  rootKind?: SpanKind;
  status?: SpanStatus;
  sessionId?: string;
  userId?: string;
  calls?: CallSeed[];
};

const at = (iso: string, plusMs: number) => new Date(new Date(iso).getTime() + plusMs);

/** Spans whose stored trace summary has exactly the seed's start, duration, status and session. */
export const spansOf = (seed: TraceSeed): NormalizedSpan[] => {
  const traceId = hexId(16);
  const service = { serviceName: seed.app, serviceVersion: seed.version ?? '1.0.0', environment: seed.environment ?? 'prod' };
  const root = makeSpan({
    ...service,
    traceId,
    name: `${seed.app} run`,
    kind: seed.rootKind ?? 'AGENT',
    startTime: new Date(seed.start),
    endTime: at(seed.start, seed.durationMs),
    status: seed.status ?? 'OK',
    sessionId: seed.sessionId ?? null,
    userId: seed.userId ?? null,
  });
  const children = (seed.calls ?? []).map((call) =>
    makeSpan({
      ...service,
      traceId,
      parentSpanId: root.spanId,
      name: call.name ?? call.toolName ?? call.model ?? call.kind.toLowerCase(),
      kind: call.kind,
      model: call.model ?? null,
      toolName: call.toolName ?? null,
      inputTokens: call.inputTokens ?? null,
      outputTokens: call.outputTokens ?? null,
      cost: call.cost ?? null,
      startTime: at(seed.start, call.offsetMs ?? 10),
      endTime: at(seed.start, (call.offsetMs ?? 10) + call.durationMs),
      status: call.status ?? 'OK',
      statusMessage: call.statusMessage ?? null,
      events: call.events ?? [],
      attributes: call.attributes ?? {},
    }),
  );
  return [root, ...children];
};

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
export const percentileCont = (values: number[], fraction: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return (sorted[lower] as number) + ((sorted[upper] as number) - (sorted[lower] as number)) * (position - lower);
};
