import { type Logger, pino } from 'pino';
import type { Config } from '../config/config.js';

/** Structured JSON logs on stdout; a log shipper or `| npx pino-pretty` takes it from there. */
export const createLogger = (level: Config['logLevel']): Logger =>
  pino({ level, base: { service: 'agentloop' }, redact: ['req.headers.authorization', '*.authorization'] });
