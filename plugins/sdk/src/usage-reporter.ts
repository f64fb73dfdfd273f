/** One model call's consumption, as reported by a plugin (or by `runJudge` on its behalf). */
export interface UsageReport {
  /** The model that served the call, as the provider named it (e.g. `gpt-4o-mini-2024-07-18`). */
  model?: string;
  /** Prompt tokens billed for the call. */
  inputTokens: number;
  /** Completion tokens billed for the call. */
  outputTokens: number;
  /**
   * Cost of the call in US dollars, when the plugin knows it. Usually left out: the host prices
   * tokens with the model service's configured prices.
   */
  costUsd?: number;
}

/**
 * Where a plugin reports what its model calls consumed. The host adds it to the eval task's token
 * and cost totals and enforces the task's cost cap with it, so report every call, including
 * failed and retried ones. `runJudge` reports for you.
 */
export interface UsageReporter {
  /** Record one model call's consumption. */
  report(usage: UsageReport): void;
}
