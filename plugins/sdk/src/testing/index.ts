// @agentloop/plugin-sdk/testing: unit-test a plugin in a few lines, offline and deterministically.
export { HashEmbeddings, hashEmbeddings } from './hash-embeddings.js';
export { type LogEntry, type RecordingLogger, recordingLogger } from './recording-logger.js';
export { type RecordingUsageReporter, recordingUsageReporter } from './recording-usage-reporter.js';
export { type RunEvaluatorOptions, type RunEvaluatorOutcome, runEvaluator } from './run-evaluator.js';
export {
  ScriptedChatModel,
  type ScriptedChatModelOptions,
  type ScriptedReply,
  type ScriptedReplyEntry,
  scriptedChatModel,
} from './scripted-chat-model.js';
