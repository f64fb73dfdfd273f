import type { PluginLogger } from '../plugin-logger.js';

/** One line a plugin logged. */
export interface LogEntry {
  /** The level it was logged at. */
  level: 'debug' | 'info' | 'warn' | 'error';
  /** The message. */
  message: string;
  /** The structured data passed with it. */
  data?: Record<string, unknown>;
}

/** A `PluginLogger` that keeps every entry in `entries`, for assertions in tests. */
export interface RecordingLogger extends PluginLogger {
  /** Everything logged so far, in order. */
  readonly entries: LogEntry[];
}

/** Makes a logger that records instead of printing. */
export function recordingLogger(): RecordingLogger {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (message: string, data?: Record<string, unknown>): void => {
      entries.push(data === undefined ? { level, message } : { level, message, data });
    };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
