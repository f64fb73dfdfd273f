import { scoreDefinitionsSchema, toDefinitionIssues } from './definition-schema.js';
import type { EvaluatorPlugin } from './evaluator-plugin.js';
import { PluginDefinitionError } from './plugin-definition-error.js';
import type { ScoreDefinition } from './score-definition.js';

/**
 * The score definitions of an evaluator for a given (parsed) configuration: the fixed list, or
 * what the plugin's `scores` function returns for `config`, checked like a fixed list.
 *
 * @throws PluginDefinitionError (field `scores…`) when the function throws or returns malformed definitions.
 */
export function resolveScoreDefinitions<Config>(plugin: EvaluatorPlugin<Config>, config: Config): readonly ScoreDefinition[] {
  if (typeof plugin.scores !== 'function') return plugin.scores;
  let scores: unknown;
  try {
    scores = plugin.scores(config);
  } catch (error) {
    throw new PluginDefinitionError(plugin.name, [{ field: 'scores', message: `scores(config) threw: ${errorMessage(error)}` }]);
  }
  const parsed = scoreDefinitionsSchema.safeParse(scores);
  if (!parsed.success) {
    const issues = toDefinitionIssues(parsed.error).map((issue) => ({
      field: issue.field ? `scores${issue.field.startsWith('[') ? '' : '.'}${issue.field}` : 'scores',
      message: issue.message,
    }));
    throw new PluginDefinitionError(plugin.name, issues);
  }
  return scores as readonly ScoreDefinition[];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
