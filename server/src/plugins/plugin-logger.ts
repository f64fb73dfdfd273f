import type { PluginLogger } from '@agentloop/plugin-sdk';
import type { Logger } from 'pino';

/** The SDK's logger interface over the server's pino logger, so plugin lines are structured and tagged. */
export const pluginLogger = (logger: Logger): PluginLogger => ({
  debug: (message, data) => logger.debug(data ?? {}, message),
  info: (message, data) => logger.info(data ?? {}, message),
  warn: (message, data) => logger.warn(data ?? {}, message),
  error: (message, data) => logger.error(data ?? {}, message),
});
