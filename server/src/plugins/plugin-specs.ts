import type { Config } from '../config/config.js';
import { BUILTIN_PLUGIN_PACKAGES } from './builtin-plugin-packages.js';
import { readPluginConfigFile } from './plugin-config-file.js';
import type { PluginPackageSpec } from './plugin-package-spec.js';

/**
 * Every package to load: the built-in ones, then the config file's, then AGENTLOOP_PLUGINS.
 * A package named twice is loaded once; options from the config file win over a bare name.
 */
export const pluginSpecsFromConfig = (config: Config['plugins']): PluginPackageSpec[] => {
  const specs = new Map<string, PluginPackageSpec>();
  const add = (spec: PluginPackageSpec) => {
    const existing = specs.get(spec.package);
    if (!existing) specs.set(spec.package, spec);
    else if (spec.options !== undefined && existing.options === undefined)
      specs.set(spec.package, { ...existing, options: spec.options });
  };
  for (const name of BUILTIN_PLUGIN_PACKAGES) add({ package: name, builtIn: true });
  for (const spec of readPluginConfigFile(config.configFile)) add(spec);
  for (const name of config.packages) add({ package: name, builtIn: false });
  return [...specs.values()];
};
