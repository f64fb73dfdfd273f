import type { Plugin } from '@agentloop/plugin-sdk';
import { toolCallSuccessRate } from './tool-call-success-rate.js';
import { toolSelectionRationality } from './tool-selection-rationality.js';
import { trajectoryQuality } from './trajectory-quality.js';

export { toolCallSuccessRate } from './tool-call-success-rate.js';
export {
  RATIONALITY_BY_VERDICT,
  toolSelectionRationality,
  toolSelectionRationalityPrompt,
} from './tool-selection-rationality.js';
export { trajectoryQuality, trajectoryQualityPrompt } from './trajectory-quality.js';

/** Every evaluator of this package, with default options: what the AgentLoop plugin host loads. */
export const plugins: readonly Plugin[] = Object.freeze([trajectoryQuality(), toolSelectionRationality(), toolCallSuccessRate()]);
