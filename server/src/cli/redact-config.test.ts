import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { REDACTED, redactConfig, redactUrl } from './redact-config.js';

describe('redactUrl', () => {
  it('masks the password and keeps everything an operator needs to recognise the target', () => {
    expect(redactUrl('postgresql://app:s3cr%40t@db.internal:5432/agentloop?sslmode=require')).toBe(
      'postgresql://app:***@db.internal:5432/agentloop?sslmode=require',
    );
    expect(redactUrl('redis://:hunter2@cache:6379/0')).toBe('redis://:***@cache:6379/0');
  });

  it('masks credentials passed as query parameters', () => {
    const redacted = redactUrl('postgresql://db/agentloop?user=app&password=hunter2&sslmode=require');
    expect(redacted).not.toContain('hunter2');
    expect(redacted).toContain('password=***');
    expect(redacted).toContain('sslmode=require');
  });

  it('leaves a URL without secrets as it is', () => {
    expect(redactUrl('postgresql://postgres@127.0.0.1:5432/postgres')).toBe('postgresql://postgres@127.0.0.1:5432/postgres');
  });

  it('shows nothing of a string it cannot parse', () => {
    expect(redactUrl('not a url with hunter2')).toBe(REDACTED);
  });
});

describe('redactConfig', () => {
  it('redacts DATABASE_URL, REDIS_URL and MEILI_MASTER_KEY and shows unset values as null', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://app:pg-secret@db:5432/agentloop',
      REDIS_URL: 'rediss://default:redis-secret@cache:6380',
      MEILI_HOST: 'http://meili:7700',
      MEILI_MASTER_KEY: 'meili-secret',
      AGENTLOOP_SECRET_KEY: 'a'.repeat(64),
      AGENTLOOP_SECRET_KEY_PREVIOUS: 'b'.repeat(64),
    });
    const redacted = redactConfig(config);
    const printed = JSON.stringify(redacted);
    for (const secret of ['pg-secret', 'redis-secret', 'meili-secret', 'aaaaaaaa', '170,170', '187,187'])
      expect(printed).not.toContain(secret);
    expect(redacted.secrets).toEqual({ kind: 'configured', key: REDACTED, previous: [REDACTED] });
    expect(redacted.database).toEqual({ kind: 'postgres', url: 'postgresql://app:***@db:5432/agentloop', poolSize: 10 });
    expect(redacted.redisUrl).toBe('rediss://default:***@cache:6380');
    expect(redacted.search).toEqual({ kind: 'external', host: 'http://meili:7700', masterKey: REDACTED });
    expect(redacted.port).toBe(config.port);

    const embedded = redactConfig(loadConfig({ AGENTLOOP_DATA_DIR: '/var/lib/agentloop' }));
    expect(embedded.database).toEqual({ kind: 'pglite', dataDir: '/var/lib/agentloop/pgdata' });
    expect(embedded.redisUrl).toBeNull();
    expect(embedded.search).toEqual({ kind: 'embedded', dataDir: '/var/lib/agentloop' });
  });
});
