import type { z } from 'zod';
import type { PluginApiVersion } from './api-version.js';
import type { PluginLogger } from './plugin-logger.js';
import type { PluginNeeds } from './plugin-needs.js';

/** What `setup` receives. */
export interface PluginSetupContext {
  /** The plugin's logger. */
  logger: PluginLogger;
}

/**
 * What every AgentLoop plugin (evaluator or memory strategy) has. Plugins are plain objects made
 * by `defineEvaluator` / `defineMemoryStrategy`, usually inside a factory function.
 *
 * @typeParam Config - the parsed configuration (the output type of `configSchema`).
 */
export interface PluginBase<Config = unknown> {
  /** Which kind of plugin this is; set by the define helper. */
  readonly kind: 'evaluator' | 'memory-strategy';
  /**
   * The plugin's name: kebab-case, unique within a server (e.g. `toxicity`). Users select the
   * plugin by it and it tags every log line and score the plugin produces.
   */
  readonly name: string;
  /** The plugin's own version, semver (e.g. `1.2.0`). Recorded with results so a change is traceable. */
  readonly version: string;
  /** The plugin interface version the plugin was written against. Use `PLUGIN_API_VERSION`. */
  readonly apiVersion: PluginApiVersion;
  /** One or two sentences for users choosing a plugin; shown in the API next to the config schema. */
  readonly description: string;
  /**
   * A zod 4 schema for the plugin's configuration (import `z` from `@agentloop/plugin-sdk`).
   * The host parses user-supplied configuration with it before the plugin sees it, reports errors
   * with the path of the offending field, and publishes it to clients as JSON Schema. Use
   * `z.object({})` when the plugin takes no configuration.
   */
  readonly configSchema: z.ZodType<Config>;
  /** Model services the plugin cannot work without. */
  readonly needs?: PluginNeeds;
  /** Called once after the plugin is loaded, before any work. A throw marks the plugin as failed to load. */
  setup?(ctx: PluginSetupContext): Promise<void> | void;
  /** Called once when the host shuts down; release what `setup` acquired. */
  teardown?(): Promise<void> | void;
}
