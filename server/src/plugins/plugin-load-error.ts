/** Why a plugin package could not be loaded; the message is what users see in the `pluginPackages` list. */
export class PluginLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PluginLoadError';
  }
}
