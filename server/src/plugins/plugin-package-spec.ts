/** One package the host should load. */
export type PluginPackageSpec = {
  /** The npm package name (e.g. `agentloop-evaluator-shouting`). */
  package: string;
  /**
   * Options from agentloop.config.json. When given, the package must export
   * `createPlugins(options)`; without them the host reads its `plugins` export.
   */
  options?: unknown;
  /** One of AgentLoop's own packages (listed for users, loaded the same way). */
  builtIn: boolean;
};
