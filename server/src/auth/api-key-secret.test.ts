import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKeySecret, hashApiKeySecret, looksLikeApiKeySecret } from './api-key-secret.js';

describe('API key secrets', () => {
  it('are 256-bit, prefixed, and hashed with sha256', () => {
    const { secret, prefix, hash } = generateApiKeySecret();
    expect(looksLikeApiKeySecret(secret)).toBe(true);
    expect(Buffer.from(secret.slice(3), 'base64url')).toHaveLength(32);
    expect(secret.startsWith(prefix)).toBe(true);
    expect(hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(hashApiKeySecret(secret)).toBe(hash);
  });

  it('are never generated twice', () => {
    const secrets = new Set(Array.from({ length: 100 }, () => generateApiKeySecret().secret));
    expect(secrets.size).toBe(100);
  });

  it('rejects strings that cannot be keys before any database lookup', () => {
    expect(looksLikeApiKeySecret('al_short')).toBe(false);
    expect(looksLikeApiKeySecret(`xx_${'a'.repeat(43)}`)).toBe(false);
    expect(looksLikeApiKeySecret(`al_${'a'.repeat(42)}!`)).toBe(false);
  });
});
