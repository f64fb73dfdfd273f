/**
 * What one judge call cost and how it went, recorded with the score it produced (`runJudge`
 * fills it in). It makes every LLM-made score auditable: which model, which prompt version,
 * how many tokens, how long, how many attempts.
 */
export interface JudgeCallRecord {
  /** The model that answered, as the provider named it. */
  model: string;
  /** The prompt's name (`JudgePrompt.name`). */
  promptName: string;
  /** The prompt's version (`JudgePrompt.version`). */
  promptVersion: string;
  /** Prompt tokens over all attempts. */
  inputTokens: number;
  /** Completion tokens over all attempts. */
  outputTokens: number;
  /** Cost over all attempts in US dollars, when known (otherwise the host prices the tokens). */
  costUsd?: number;
  /** Wall-clock time over all attempts. */
  latencyMs: number;
  /** How many times the model was called (1 when the first reply was valid). */
  attempts: number;
}
