import {
  definitionName,
  evaluatorDefinitionSchema,
  memoryStrategyDefinitionSchema,
  toDefinitionIssues,
} from './definition-schema.js';
import type { Plugin } from './plugin.js';
import { PluginDefinitionError, type PluginDefinitionIssue } from './plugin-definition-error.js';

/** The outcome of `checkPlugin`. */
export type PluginCheck =
  | { ok: true; plugin: Plugin }
  | {
      ok: false;
      /** One sentence naming the plugin and the offending field, for the load report. */
      reason: string;
      /** Every problem found (empty when the value is not a plugin object at all). */
      issues: readonly PluginDefinitionIssue[];
    };

/**
 * Checks a value a package exported as a plugin, as the host does on load: it must be an object
 * with `kind` `evaluator` or `memory-strategy` and pass the same checks as `defineEvaluator` /
 * `defineMemoryStrategy` (so a hand-made object, or one made by another copy of the SDK, is held to
 * the same rules), including a supported `apiVersion`. Never throws.
 */
export function checkPlugin(value: unknown): PluginCheck {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  const schema =
    kind === 'evaluator' ? evaluatorDefinitionSchema : kind === 'memory-strategy' ? memoryStrategyDefinitionSchema : undefined;
  if (!schema) {
    const reason =
      typeof value === 'object' && value !== null
        ? `not a plugin: kind is ${JSON.stringify(kind)}, expected "evaluator" or "memory-strategy" (make plugins with defineEvaluator or defineMemoryStrategy)`
        : `not a plugin: expected a plugin object, got ${value === null ? 'null' : typeof value}`;
    return { ok: false, reason, issues: [] };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, plugin: value as Plugin };
  const error = new PluginDefinitionError(definitionName(value), toDefinitionIssues(parsed.error));
  return { ok: false, reason: error.message, issues: error.issues };
}
