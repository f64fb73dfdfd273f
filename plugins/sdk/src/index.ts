// @agentloop/plugin-sdk: the one versioned interface shared by AgentLoop evaluators and memory
// strategies. Plugin packages depend on this package only; `z` is re-exported so their config
// schemas use the same zod as the host.
export { z } from 'zod';
export { PLUGIN_API_VERSION, type PluginApiVersion, SUPPORTED_API_VERSIONS } from './api-version.js';
export { checkPlugin, type PluginCheck } from './check-plugin.js';
export { configJsonSchema } from './config-json-schema.js';
export { defineEvaluator, type EvaluatorDefinition } from './define-evaluator.js';
export { defineMemoryStrategy, type MemoryStrategyDefinition } from './define-memory-strategy.js';
export type { EvaluationContext } from './evaluation-context.js';
export { EVALUATION_INPUTS, type EvaluationInput } from './evaluation-input.js';
export { type EvaluationResult, type FailedResult, failed, type ScoredResult, scored } from './evaluation-result.js';
export type {
  EvaluationSample,
  EvaluationTarget,
  RetrievedDocument,
  ToolCall,
  ToolDefinition,
  TrajectoryStep,
} from './evaluation-sample.js';
export type { EvaluatorInputs, EvaluatorPlugin, ScoreDefinitions } from './evaluator-plugin.js';
export type { JsonSchema } from './json-schema.js';
export { clip, clipAll } from './judge/clip.js';
export { extractJson, type JsonExtraction } from './judge/extract-json.js';
export { type JudgeConfig, judgeConfigFields, NOT_RECORDED } from './judge/judge-config.js';
export type { JudgePrompt } from './judge/judge-prompt.js';
export {
  inputAndOutput,
  type JudgedEvaluationSpec,
  type JudgedScore,
  judgedEvaluation,
} from './judge/judged-evaluation.js';
export { type JudgeOutcome, type RunJudgeOptions, runJudge } from './judge/run-judge.js';
export { isRetryableError } from './judge/transport-error.js';
export type { JudgeCallRecord } from './judge-call-record.js';
export type {
  ExtractedMemory,
  LongTermMemory,
  MemoryEvent,
  MemoryExtractionContext,
  MemoryExtractionResult,
  MemoryStrategyPlugin,
} from './memory-strategy-plugin.js';
export { missingInputs } from './missing-inputs.js';
export type { Plugin } from './plugin.js';
export type { PluginBase, PluginSetupContext } from './plugin-base.js';
export { PluginDefinitionError, type PluginDefinitionIssue } from './plugin-definition-error.js';
export type { PluginLogger } from './plugin-logger.js';
export type { PluginNeeds } from './plugin-needs.js';
export { resolveScoreDefinitions } from './resolve-score-definitions.js';
export type { LabelScoreDefinition, NumericScoreDefinition, ScoreDefinition } from './score-definition.js';
export type { ScoreResult } from './score-result.js';
export type { UsageReport, UsageReporter } from './usage-reporter.js';
export { cosineSimilarity } from './utils/cosine-similarity.js';
export { levenshteinDistance, levenshteinSimilarity } from './utils/levenshtein.js';
export { renderTemplate, templateVariables } from './utils/render-template.js';
export { TemplateVariableError } from './utils/template-variable-error.js';
export { toText } from './utils/to-text.js';
export { tokenJaccard } from './utils/token-jaccard.js';
export { tokenize } from './utils/tokenize.js';
export { type JsonSchemaValidation, validateAgainstJsonSchema } from './utils/validate-against-json-schema.js';
export { type EvaluationResultValidation, validateEvaluationResult } from './validate-evaluation-result.js';
