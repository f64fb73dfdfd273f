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

  it('limits OTLP requests to 8 MiB and 10,000 spans unless configured', () => {
    expect(loadConfig({}).otlp).toEqual({ maxBodyBytes: 8 * 1024 * 1024, maxSpans: 10_000 });
    expect(loadConfig({ AGENTLOOP_OTLP_MAX_BODY_BYTES: '1048576', AGENTLOOP_OTLP_MAX_SPANS: '500' }).otlp).toEqual({
      maxBodyBytes: 1_048_576,
      maxSpans: 500,
    });
    expect(() => loadConfig({ AGENTLOOP_OTLP_MAX_BODY_BYTES: '0' })).toThrow(/AGENTLOOP_OTLP_MAX_BODY_BYTES/);
  });
});
