/** A score whose value is a number in a closed range. */
export interface NumericScoreDefinition {
  /** The score's name: kebab-case, unique within the plugin (e.g. `toxicity`). */
  name: string;
  /** Numeric scores carry `value`. */
  kind: 'numeric';
  /** The inclusive range every value lies in (`min < max`). */
  range: { min: number; max: number };
  /** Whether a higher value is a better result; clients colour and sort by it. */
  higherIsBetter: boolean;
  /** What the score measures, for users reading it. */
  description?: string;
}

/** A score whose value is one label out of a fixed set. */
export interface LabelScoreDefinition {
  /** The score's name: kebab-case, unique within the plugin. */
  name: string;
  /** Label scores carry `label` (and may carry a numeric `value`, e.g. the label's weight). */
  kind: 'label';
  /** Every label the score can take, without duplicates. */
  labels: string[];
  /** What the score measures, for users reading it. */
  description?: string;
}

/** A score a plugin declares it produces. Results are checked against it (`validateEvaluationResult`). */
export type ScoreDefinition = NumericScoreDefinition | LabelScoreDefinition;
