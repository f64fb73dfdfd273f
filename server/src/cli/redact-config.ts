import type { Config } from '../config/config.js';

export const REDACTED = '***';

// Query parameters libpq and ioredis accept credentials in.
const SECRET_PARAMETER = /pass|secret|token/i;

/** A connection string with its password (in the user part or the query) masked. */
export const redactUrl = (url: string): string => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // We cannot tell where the secret is, so nothing of it is shown.
    return REDACTED;
  }
  if (parsed.password) parsed.password = REDACTED;
  const secretKeys = [...parsed.searchParams.keys()].filter((key) => SECRET_PARAMETER.test(key));
  for (const key of secretKeys) parsed.searchParams.set(key, REDACTED);
  return parsed.toString();
};

/**
 * The resolved configuration, safe to paste into an issue: no passwords or keys, and unset
 * values as null (not dropped) so the output shows every setting.
 */
export const redactConfig = (config: Config) => ({
  ...config,
  database: config.database.kind === 'postgres' ? { ...config.database, url: redactUrl(config.database.url) } : config.database,
  redisUrl: config.redisUrl === undefined ? null : redactUrl(config.redisUrl),
  search:
    config.search.kind === 'external'
      ? { ...config.search, masterKey: config.search.masterKey === undefined ? null : REDACTED }
      : config.search,
  secrets: {
    ...config.secrets,
    ...(config.secrets.kind === 'configured' ? { key: REDACTED } : {}),
    previous: config.secrets.previous.map(() => REDACTED),
  },
});
