import type { Plugin } from '@agentloop/plugin-sdk';
import { coherence } from './coherence.js';
import { completeness } from './completeness.js';
import { safety } from './safety.js';
import { toxicity } from './toxicity.js';

export { coherence, coherencePrompt } from './coherence.js';
export { COMPLETENESS_BY_STATUS, completeness, completenessPrompt } from './completeness.js';
export { DEFAULT_SAFETY_POLICIES, SAFETY_BY_SEVERITY, safety, safetyPrompt } from './safety.js';
export { TOXICITY_BY_SEVERITY, toxicity, toxicityPrompt } from './toxicity.js';

/** Every evaluator of this package, with default options: what the AgentLoop plugin host loads. */
export const plugins: readonly Plugin[] = Object.freeze([toxicity(), safety(), coherence(), completeness()]);
