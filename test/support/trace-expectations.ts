import type { SeedTrace } from './trace-seed.js';

/** PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks. */
export const percentileCont = (values: number[], fraction: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  return low + ((sorted[upper] as number) - low) * (position - lower);
};

const distinct = (values: (string | null)[]) => new Set(values.filter((v) => v !== null)).size;

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The overview the server should report for seeded traces (each seeded trace has one LLM span of four). */
export const expectedOverview = (traces: SeedTrace[]) => ({
  requests: traces.length,
  errors: traces.filter((t) => t.error).length,
  latencyP50: percentileCont(
    traces.map((t) => t.durationMs),
    0.5,
  ),
  latencyP90: percentileCont(
    traces.map((t) => t.durationMs),
    0.9,
  ),
  latencyP99: percentileCont(
    traces.map((t) => t.durationMs),
    0.99,
  ),
  modelCalls: traces.length,
  inputTokens: sum(traces.map((t) => t.inputTokens)),
  outputTokens: sum(traces.map((t) => t.outputTokens)),
  totalTokens: sum(traces.map((t) => t.inputTokens + t.outputTokens)),
  cost: sum(traces.map((t) => t.cost)),
  traces: traces.length,
  spans: sum(traces.map((t) => t.spans.length)),
  sessions: distinct(traces.map((t) => t.sessionId)),
  users: distinct(traces.map((t) => t.userId)),
});
