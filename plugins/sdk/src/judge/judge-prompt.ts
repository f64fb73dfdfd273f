/**
 * A versioned judge prompt. The name and version are recorded with every score the prompt
 * produces, so a change of wording is visible in the results: bump `version` whenever the text
 * changes. Templates use `{{variable}}` placeholders (see `renderTemplate`).
 */
export interface JudgePrompt {
  /** A stable name for the prompt, e.g. `toxicity`. */
  name: string;
  /** The prompt's version, e.g. `1` or `2025-06-01`; bump it on every change of the text. */
  version: string;
  /** The system message template: the judge's role, the rubric, the scale. */
  system: string;
  /** The user message template: the material to judge, e.g. `Answer:\n{{output}}`. */
  user: string;
}
