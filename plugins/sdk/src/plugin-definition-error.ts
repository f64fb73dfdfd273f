/** One problem with a plugin definition. */
export interface PluginDefinitionIssue {
  /** Where the problem is, as a path into the definition (e.g. `scores[1].range`); empty for the whole object. */
  field: string;
  /** What is wrong. */
  message: string;
}

/**
 * Thrown by `defineEvaluator` / `defineMemoryStrategy` (and `resolveScoreDefinitions`) when a
 * plugin definition is malformed. It names the field, so the plugin author (or the host's load
 * report) can point at the mistake. A definition error is a bug in the plugin, hence an exception.
 */
export class PluginDefinitionError extends Error {
  /** Stable code for programmatic handling. */
  readonly code = 'INVALID_PLUGIN_DEFINITION';
  /** The plugin's name, when the definition had a usable one. */
  readonly pluginName: string | undefined;
  /** The first offending field (same as `issues[0].field`). */
  readonly field: string;
  /** Every problem found. */
  readonly issues: readonly PluginDefinitionIssue[];

  constructor(pluginName: string | undefined, issues: readonly PluginDefinitionIssue[]) {
    const first = issues[0] ?? { field: '', message: 'invalid definition' };
    const subject = pluginName ? `plugin "${pluginName}"` : 'plugin';
    const rest = issues.length > 1 ? ` (and ${issues.length - 1} more: ${issues.slice(1).map(describe).join('; ')})` : '';
    super(`Invalid ${subject}: ${describe(first)}${rest}`);
    this.name = 'PluginDefinitionError';
    this.pluginName = pluginName;
    this.field = first.field;
    this.issues = issues;
  }
}

function describe(issue: PluginDefinitionIssue): string {
  return issue.field ? `${issue.field}: ${issue.message}` : issue.message;
}
