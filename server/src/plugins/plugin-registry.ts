import { checkPlugin, type EvaluatorPlugin, type Plugin, SUPPORTED_API_VERSIONS } from '@agentloop/plugin-sdk';
import type { Logger } from 'pino';
import { importPluginPackage } from './import-plugin-package.js';
import { pluginLogger } from './plugin-logger.js';
import type { PluginPackageSpec } from './plugin-package-spec.js';
import { withTimeout } from './with-timeout.js';

/**
 * LOADED: usable. INVALID: failed the SDK's checks (shape, apiVersion, config schema).
 * SETUP_FAILED: its setup threw or hung. DUPLICATE: another package already registered the name.
 */
export type PluginStatus = 'LOADED' | 'INVALID' | 'SETUP_FAILED' | 'DUPLICATE';

/** One value a package exported as a plugin, and what became of it. */
export type PluginEntry = {
  /** The plugin's name; `<package>#<index>` when the value has none. */
  name: string;
  package: string;
  builtIn: boolean;
  status: PluginStatus;
  /** Why it is not LOADED. */
  error: string | null;
  /** The plugin when it passed checkPlugin (also for SETUP_FAILED and DUPLICATE, to describe it). */
  plugin: Plugin | null;
};

/** One configured package and whether it could be imported at all. */
export type PluginPackageReport = {
  package: string;
  builtIn: boolean;
  status: 'LOADED' | 'FAILED';
  error: string | null;
  /** The entry file it was imported from. */
  resolvedPath: string | null;
  /** Names of the entries it contributed, in export order. */
  plugins: string[];
};

/** The loaded plugins of this server, keyed by name. Built once at start; read-only afterwards. */
export type PluginRegistry = {
  readonly packages: readonly PluginPackageReport[];
  /** Every plugin value of every package, loaded or not, in load order. */
  readonly entries: readonly PluginEntry[];
  /** The API versions this host accepts. */
  readonly supportedApiVersions: readonly number[];
  /** A LOADED plugin by name. */
  get(name: string): Plugin | undefined;
  /** A LOADED evaluator by name (undefined for unknown names and memory strategies). */
  evaluator(name: string): EvaluatorPlugin | undefined;
  /** Calls every loaded plugin's teardown once (bounded, errors logged). */
  teardown(): Promise<void>;
};

export type LoadPluginsOptions = {
  specs: readonly PluginPackageSpec[];
  /** Directories to resolve packages from, in order. */
  dirs: readonly string[];
  logger: Logger;
  /** Bound on each import, createPlugins, setup and teardown. */
  timeoutMs: number;
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const nameOf = (value: unknown, fallback: string) => {
  const name = typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? name : fallback;
};

/**
 * Loads every package (sequentially: setup order is load order, and the logs read in order),
 * checks every exported plugin with the SDK's checkPlugin, runs setup, and registers the
 * survivors by name. Nothing a package does can make this throw: failures are recorded in
 * `packages` / `entries` and logged, and the server starts with what did load.
 */
export const loadPluginRegistry = async ({ specs, dirs, logger, timeoutMs }: LoadPluginsOptions): Promise<PluginRegistry> => {
  const packages: PluginPackageReport[] = [];
  const entries: PluginEntry[] = [];
  const byName = new Map<string, { plugin: Plugin; package: string }>();

  for (const spec of specs) {
    const report: PluginPackageReport = {
      package: spec.package,
      builtIn: spec.builtIn,
      status: 'LOADED',
      error: null,
      resolvedPath: null,
      plugins: [],
    };
    packages.push(report);
    let values: readonly unknown[];
    try {
      const imported = await importPluginPackage(spec, dirs, timeoutMs);
      report.resolvedPath = imported.resolvedPath;
      values = imported.values;
    } catch (error) {
      report.status = 'FAILED';
      report.error = messageOf(error);
      logger.error({ package: spec.package, err: error }, 'plugin package failed to load; continuing without it');
      continue;
    }

    for (const [index, value] of values.entries()) {
      const entry: PluginEntry = {
        name: nameOf(value, `${spec.package}#${index}`),
        package: spec.package,
        builtIn: spec.builtIn,
        status: 'LOADED',
        error: null,
        plugin: null,
      };
      entries.push(entry);
      report.plugins.push(entry.name);
      const check = checkPlugin(value);
      if (!check.ok) {
        entry.status = 'INVALID';
        entry.error = check.reason;
        logger.error({ package: spec.package, plugin: entry.name, reason: check.reason }, 'plugin refused');
        continue;
      }
      entry.plugin = check.plugin;
      const taken = byName.get(entry.name);
      if (taken) {
        entry.status = 'DUPLICATE';
        entry.error = `the name "${entry.name}" is already registered by "${taken.package}"; the first one loaded wins`;
        logger.error({ package: spec.package, plugin: entry.name, registeredBy: taken.package }, 'duplicate plugin name');
        continue;
      }
      try {
        await withTimeout(
          check.plugin.setup?.({ logger: pluginLogger(logger.child({ plugin: entry.name })) }),
          timeoutMs,
          `setup of plugin "${entry.name}"`,
        );
      } catch (error) {
        entry.status = 'SETUP_FAILED';
        entry.error = `setup failed: ${messageOf(error)}`;
        logger.error({ package: spec.package, plugin: entry.name, err: error }, 'plugin setup failed');
        continue;
      }
      byName.set(entry.name, { plugin: check.plugin, package: spec.package });
    }
  }

  const loaded = entries.filter((entry) => entry.status === 'LOADED').length;
  logger.info(
    { loaded, failed: entries.length - loaded + packages.filter((p) => p.status === 'FAILED').length },
    'plugins loaded',
  );

  let tornDown: Promise<void> | null = null;
  return {
    packages,
    entries,
    supportedApiVersions: SUPPORTED_API_VERSIONS,
    get: (name) => byName.get(name)?.plugin,
    evaluator: (name) => {
      const plugin = byName.get(name)?.plugin;
      return plugin?.kind === 'evaluator' ? plugin : undefined;
    },
    teardown: () => {
      tornDown ??= (async () => {
        for (const [name, { plugin }] of [...byName].reverse()) {
          try {
            await withTimeout(plugin.teardown?.(), timeoutMs, `teardown of plugin "${name}"`);
          } catch (error) {
            logger.warn({ plugin: name, err: error }, 'plugin teardown failed');
          }
        }
      })();
      return tornDown;
    },
  };
};
