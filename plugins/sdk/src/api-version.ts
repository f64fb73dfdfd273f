/**
 * The plugin interface version this SDK implements. A plugin declares the version it was written
 * against in `apiVersion`; the host refuses plugins whose version it does not support and says
 * which versions it does, so an incompatible plugin fails loudly at load time instead of
 * misbehaving at evaluation time.
 */
// `as const` keeps the literal type even where object literals widen (a definition built outside defineEvaluator).
export const PLUGIN_API_VERSION = 1 as const;

/** Every plugin `apiVersion` this SDK (and a host built on it) accepts. */
export const SUPPORTED_API_VERSIONS: readonly PluginApiVersion[] = Object.freeze([PLUGIN_API_VERSION]);

/** A plugin interface version that this SDK knows. */
export type PluginApiVersion = typeof PLUGIN_API_VERSION;
