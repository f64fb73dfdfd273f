import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { ConfigError } from './config-error.js';

describe('loadConfig', () => {
  it('defaults to the embedded database in ./.agentloop on port 4000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: expect.stringMatching(/\.agentloop\/pgdata$/) });
    expect(config.migrateOnStart).toBe(true);
    expect(config.redisUrl).toBeUndefined();
  });

  it('uses PostgreSQL with the configured pool size when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u@db:5432/agentloop', AGENTLOOP_DB_POOL_SIZE: '25' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://u@db:5432/agentloop', poolSize: 25 });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).database.kind).toBe('pglite');
  });

  it('names every invalid variable and the expected form at once', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: '99999', AGENTLOOP_DB_POOL_SIZE: '0', REDIS_URL: 'localhost:6379' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable)).toEqual(['PORT', 'AGENTLOOP_DB_POOL_SIZE', 'REDIS_URL']);
    expect((error as ConfigError).message).toContain('REDIS_URL: expected a redis:// URL');
  });
});
