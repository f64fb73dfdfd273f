/**
 * Every part of an evaluation sample a plugin can ask for, in one place so the host can check a
 * sample against a plugin's declared inputs before running it.
 */
export const EVALUATION_INPUTS = Object.freeze([
  'input',
  'output',
  'expectedOutput',
  'context',
  'tools',
  'toolCalls',
  'trajectory',
  'metadata',
] as const);

/** One part of an `EvaluationSample` a plugin can require (see `EvaluatorPlugin.inputs`). */
export type EvaluationInput = (typeof EVALUATION_INPUTS)[number];
