import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../config/config-error.js';
import type { PluginPackageSpec } from './plugin-package-spec.js';

// npm's own rule for package names (scoped or not), so a typo fails here with the entry named.
const packageName = z
  .string()
  .regex(/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/, 'expected an npm package name, e.g. "agentloop-evaluator-x"');

const pluginEntry = z.union([
  packageName,
  z.strictObject({
    package: packageName,
    options: z.unknown().optional(),
  }),
]);

/** The shape of agentloop.config.json. Unknown top-level keys are refused so typos surface. */
export const agentloopConfigFileSchema = z.strictObject({
  $schema: z.string().optional(),
  plugins: z.array(pluginEntry).default([]),
});

/**
 * Reads the plugin entries of agentloop.config.json. A missing default file means "none"; a file
 * the operator named that is missing, unreadable JSON or a bad entry stops the start with a
 * ConfigError naming the file and the field, like a bad environment variable.
 */
export const readPluginConfigFile = (file: { path: string; explicit: boolean }): PluginPackageSpec[] => {
  const variable = file.explicit ? `AGENTLOOP_CONFIG (${file.path})` : file.path;
  if (!existsSync(file.path)) {
    if (file.explicit) throw new ConfigError([{ variable, message: 'file not found' }]);
    return [];
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file.path, 'utf8'));
  } catch (error) {
    throw new ConfigError([{ variable, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  const parsed = agentloopConfigFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: `${variable} ${issue.path.join('.') || '(root)'}`,
        message: issue.message,
      })),
    );
  }
  return parsed.data.plugins.map((entry) =>
    typeof entry === 'string'
      ? { package: entry, builtIn: false }
      : { package: entry.package, options: entry.options, builtIn: false },
  );
};
