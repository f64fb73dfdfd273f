/**
 * The logger the host hands to a plugin. Messages end up in the server's structured log, tagged
 * with the plugin's name and the target being evaluated, so plugins never need `console`.
 */
export interface PluginLogger {
  /** Detail useful only while debugging a plugin. */
  debug(message: string, data?: Record<string, unknown>): void;
  /** Something worth knowing in normal operation. */
  info(message: string, data?: Record<string, unknown>): void;
  /** Something unexpected that the plugin recovered from. */
  warn(message: string, data?: Record<string, unknown>): void;
  /** Something that made the plugin fail. Prefer returning `failed(reason)` over only logging it. */
  error(message: string, data?: Record<string, unknown>): void;
}
