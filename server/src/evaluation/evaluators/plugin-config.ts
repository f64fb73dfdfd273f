import type { EvaluatorPlugin } from '@agentloop/plugin-sdk';
import { InvalidInputError } from '../../errors/app-error.js';
import type { PluginRegistry } from '../../plugins/plugin-registry.js';

/** The loaded evaluator a user named, or an INVALID_INPUT on `field` that says what exists. */
export const evaluatorPluginNamed = (registry: PluginRegistry, name: string, field = 'plugin'): EvaluatorPlugin => {
  const plugin = registry.evaluator(name);
  if (plugin) return plugin;
  const failed = registry.entries.find((entry) => entry.name === name && entry.status !== 'LOADED');
  throw new InvalidInputError([
    {
      path: field,
      message: failed
        ? `plugin "${name}" is installed but not usable (${failed.status}): ${failed.error}`
        : `unknown evaluator plugin "${name}"; see the \`plugins\` query for those installed`,
    },
  ]);
};

/**
 * Parses a user's config with the plugin's own zod schema; every issue names its field under
 * `field` (e.g. `config.labels.loud`), so a form can point at it.
 */
export const parsePluginConfig = (plugin: EvaluatorPlugin, config: unknown, field = 'config'): unknown => {
  let parsed: ReturnType<EvaluatorPlugin['configSchema']['safeParse']>;
  try {
    parsed = plugin.configSchema.safeParse(config ?? {});
  } catch (error) {
    throw new InvalidInputError([
      {
        path: field,
        message: `plugin "${plugin.name}" could not check it: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(
    parsed.error.issues.map((issue) => ({ path: [field, ...issue.path.map(String)].join('.'), message: issue.message })),
  );
};
