import type { EvaluatorPlugin } from './evaluator-plugin.js';
import type { MemoryStrategyPlugin } from './memory-strategy-plugin.js';

/**
 * Any plugin, whatever its configuration type: what a package's `plugins` export holds and what
 * the host's registry stores.
 *
 * @example export const plugins: readonly Plugin[] = [exactMatch(), contains()];
 */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds plugins of every configuration type; each plugin parses its own.
export type Plugin = EvaluatorPlugin<any> | MemoryStrategyPlugin<any>;
