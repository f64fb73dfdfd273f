import type { Plugin } from '@agentloop/plugin-sdk';
import { toolParameterAccuracy } from './tool-parameter-accuracy.js';
import { toolSelection } from './tool-selection.js';

export { PARAMETER_ACCURACY_BY_VERDICT, toolParameterAccuracy, toolParameterAccuracyPrompt } from './tool-parameter-accuracy.js';
export { TOOL_SELECTION_BY_VERDICT, toolSelection, toolSelectionPrompt } from './tool-selection.js';

/** Every evaluator of this package, with default options: what the AgentLoop plugin host loads. */
export const plugins: readonly Plugin[] = Object.freeze([toolSelection(), toolParameterAccuracy()]);
