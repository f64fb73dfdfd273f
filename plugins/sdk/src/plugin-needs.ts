/**
 * The model services a plugin cannot work without. The host refuses to run a plugin whose needs
 * are not configured and records a failed decision that says which one is missing, instead of
 * letting the plugin fail obscurely.
 */
export interface PluginNeeds {
  /** The plugin calls `ctx.judge` (a LangChain chat model). */
  judge?: boolean;
  /** The plugin calls `ctx.embeddings` (a LangChain embeddings model). */
  embeddings?: boolean;
}
