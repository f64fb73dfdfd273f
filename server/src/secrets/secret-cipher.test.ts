import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSecretKey } from './parse-secret-key.js';
import { createSecretCipher, envelopeKeyId, SecretDecryptionError, secretKeyFrom } from './secret-cipher.js';

const key = () => secretKeyFrom(randomBytes(32));

describe('createSecretCipher', () => {
  it('round-trips, with a fresh IV each time and the key id in the envelope', () => {
    const current = key();
    const cipher = createSecretCipher(current);
    const a = cipher.encrypt('sk-live-123', 'project:1');
    const b = cipher.encrypt('sk-live-123', 'project:1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('sk-live-123');
    expect(envelopeKeyId(a)).toBe(current.id);
    expect(cipher.keyId).toBe(current.id);
    expect(cipher.decrypt(a, 'project:1')).toBe('sk-live-123');
    expect(cipher.decrypt(cipher.encrypt('', 'x'), 'x')).toBe('');
  });

  it('refuses a ciphertext moved to another context, altered, or in an unknown format', () => {
    const cipher = createSecretCipher(key());
    const envelope = cipher.encrypt('sk-live-123', 'project:1');
    expect(() => cipher.decrypt(envelope, 'project:2')).toThrow(SecretDecryptionError);
    const parts = envelope.split('.');
    const flipped = Buffer.from(parts[4] ?? '', 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    parts[4] = flipped.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'project:1')).toThrow(/failed authentication/);
    expect(() => cipher.decrypt('plaintext-key', 'project:1')).toThrow(/not in a format/);
  });

  it('reads with rotated-out keys, writes with the current one, and names a missing key', () => {
    const old = key();
    const oldEnvelope = createSecretCipher(old).encrypt('sk-old', 'c');
    const rotated = createSecretCipher(key(), [old]);
    expect(rotated.decrypt(oldEnvelope, 'c')).toBe('sk-old');
    expect(envelopeKeyId(rotated.encrypt('sk-new', 'c'))).toBe(rotated.keyId);
    expect(() => createSecretCipher(key()).decrypt(oldEnvelope, 'c')).toThrow(
      new RegExp(`encrypted with key ${old.id}.*AGENTLOOP_SECRET_KEY_PREVIOUS`),
    );
  });

  it('derives the same id from the same key, a different one from another', () => {
    const bytes = randomBytes(32);
    expect(secretKeyFrom(bytes).id).toBe(secretKeyFrom(Buffer.from(bytes)).id);
    expect(secretKeyFrom(bytes).id).not.toBe(key().id);
    expect(secretKeyFrom(bytes).id).not.toContain(bytes.toString('hex').slice(0, 8));
  });
});

describe('parseSecretKey', () => {
  it('accepts 32 bytes as hex, base64 and base64url, and nothing else', () => {
    const bytes = randomBytes(32);
    expect(parseSecretKey(bytes.toString('hex'))).toEqual(bytes);
    expect(parseSecretKey(bytes.toString('base64'))).toEqual(bytes);
    expect(parseSecretKey(` ${bytes.toString('base64url')}\n`)).toEqual(bytes);
    expect(parseSecretKey(randomBytes(16).toString('base64'))).toBeNull();
    expect(parseSecretKey('correct horse battery staple')).toBeNull();
  });
});
