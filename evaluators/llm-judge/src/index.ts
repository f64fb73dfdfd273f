import type { Plugin } from '@agentloop/plugin-sdk';
import { llmJudge } from './llm-judge.js';

export { type LlmJudgeConfig, llmJudgeConfigSchema } from './config.js';
export { buildJudgePrompt } from './judge-prompt.js';
export { llmJudge } from './llm-judge.js';
export { TEMPLATE_ROOTS } from './template-variables.js';

/** The plugin with its defaults: what the AgentLoop plugin host loads. */
export const plugins: readonly Plugin[] = Object.freeze([llmJudge()]);
