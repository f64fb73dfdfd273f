/** One score as it will be stored: the plugin's score plus the Score columns it maps onto. */
export type RecordedScore = {
  name: string;
  value: number | null;
  label: string | null;
  reasoning: string | null;
  metadata: Record<string, unknown>;
  /** LLM when a judge produced it (the score carries a judge record), CODE otherwise. */
  source: 'CODE' | 'LLM';
  judgeModel: string | null;
  judgePromptName: string | null;
  judgePromptVersion: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** US dollars: the plugin's figure, else priced by the judge's model service; null when unknown. */
  cost: number | null;
  latencyMs: number | null;
};

/** What one evaluation consumed, over every model call the plugin reported (retries included). */
export type EvaluatorRunUsage = {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** US dollars; null when some call could not be priced (never a made-up zero). */
  cost: number | null;
};

/**
 * Why an evaluation produced no scores. INVALID_CONFIG, MISSING_INPUTS and MISSING_MODEL are
 * decided before the plugin runs; THREW, TIMEOUT, ABORTED and INVALID_RESULT are the plugin
 * misbehaving or being stopped; PLUGIN_FAILED is the plugin's own `failed(reason)`.
 */
export type EvaluatorFailureKind =
  | 'INVALID_CONFIG'
  | 'MISSING_INPUTS'
  | 'MISSING_MODEL'
  | 'PLUGIN_FAILED'
  | 'THREW'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'INVALID_RESULT';

/** The outcome of `runEvaluator`: always a value, never a throw. */
export type EvaluatorRun =
  | { status: 'scored'; scores: RecordedScore[]; usage: EvaluatorRunUsage; durationMs: number }
  | {
      status: 'failed';
      kind: EvaluatorFailureKind;
      reason: string;
      /** Trying again later may succeed (timeouts, rate limits, the plugin said so). */
      retryable: boolean;
      usage: EvaluatorRunUsage;
      durationMs: number;
    };
