import { pathToFileURL } from 'node:url';
import { PluginLoadError } from './plugin-load-error.js';
import type { PluginPackageSpec } from './plugin-package-spec.js';
import { resolvePluginPackage } from './resolve-plugin-package.js';
import { TimeoutError, withTimeout } from './with-timeout.js';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Imports a plugin package and returns what it exports as plugins, unchecked: its `plugins`
 * list, or — when the operator gave options — what its `createPlugins(options)` returns.
 * Every way this can go wrong becomes a PluginLoadError saying what the package should do.
 */
export const importPluginPackage = async (
  spec: PluginPackageSpec,
  dirs: readonly string[],
  timeoutMs: number,
): Promise<{ resolvedPath: string; values: readonly unknown[] }> => {
  const resolvedPath = resolvePluginPackage(spec.package, dirs);
  let module: Record<string, unknown>;
  try {
    module = await withTimeout(import(pathToFileURL(resolvedPath).href), timeoutMs, `importing "${spec.package}"`);
  } catch (error) {
    if (error instanceof TimeoutError) throw new PluginLoadError(error.message, { cause: error });
    throw new PluginLoadError(`importing "${spec.package}" threw: ${messageOf(error)}`, { cause: error });
  }
  let values: unknown;
  if (spec.options !== undefined) {
    if (typeof module.createPlugins !== 'function') {
      throw new PluginLoadError(
        `"${spec.package}" was given options in agentloop.config.json but exports no createPlugins(options) function`,
      );
    }
    try {
      values = await withTimeout(
        (module.createPlugins as (options: unknown) => unknown)(spec.options),
        timeoutMs,
        `"${spec.package}".createPlugins`,
      );
    } catch (error) {
      throw new PluginLoadError(`"${spec.package}".createPlugins(options) threw: ${messageOf(error)}`, { cause: error });
    }
  } else {
    values = module.plugins;
  }
  if (!Array.isArray(values)) {
    throw new PluginLoadError(
      `"${spec.package}" must export \`plugins\` as an array of plugins (export const plugins: readonly Plugin[] = [...]); found ${
        values === undefined ? 'no such export' : typeof values
      }`,
    );
  }
  if (values.length === 0) throw new PluginLoadError(`"${spec.package}" exports an empty \`plugins\` list`);
  return { resolvedPath, values };
};
