/** Nearest-rank percentile of an ascending list; 0 for an empty one. */
const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
};

// Microsecond resolution is all a loopback HTTP round trip can honestly claim.
const round = (ms: number) => Math.round(ms * 1000) / 1000;

export type LatencySummary = { p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number };

export const summarizeLatencies = (latenciesMs: readonly number[]): LatencySummary => {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
  };
};
