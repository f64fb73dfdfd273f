import { z } from 'zod';
import { loadConfig } from '../../config/config.js';
import { defineCommand } from '../define-command.js';
import { redactConfig } from '../redact-config.js';

export const configPrintCommand = defineCommand({
  path: ['config', 'print'],
  summary: 'Print the configuration resolved from the environment, secrets redacted',
  synopsis: '',
  details: [
    'Reads the same environment variables as the server and prints what it would use, as JSON.',
    'Passwords in DATABASE_URL and REDIS_URL and MEILI_MASTER_KEY are shown as "***".',
  ],
  usesDatabase: false,
  schema: z.object({}),
  run: async (_input, env) => {
    const redacted = redactConfig(loadConfig(env));
    return { json: redacted, text: JSON.stringify(redacted, null, 2) };
  },
});
