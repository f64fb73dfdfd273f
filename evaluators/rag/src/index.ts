import type { Plugin } from '@agentloop/plugin-sdk';
import { answerRelevance } from './answer-relevance.js';
import { contextRedundancy } from './context-redundancy.js';
import { contextRelevance } from './context-relevance.js';
import { contextRichness } from './context-richness.js';

export { answerRelevance, answerRelevancePrompt } from './answer-relevance.js';
export { contextRedundancy, DEFAULT_REDUNDANCY_THRESHOLDS } from './context-redundancy.js';
export { CONTEXT_RELEVANCE_BY_VERDICT, contextRelevance, contextRelevancePrompt } from './context-relevance.js';
export { contextRichness } from './context-richness.js';

/** Every evaluator of this package, with default options: what the AgentLoop plugin host loads. */
export const plugins: readonly Plugin[] = Object.freeze([
  contextRelevance(),
  answerRelevance(),
  contextRichness(),
  contextRedundancy(),
]);
