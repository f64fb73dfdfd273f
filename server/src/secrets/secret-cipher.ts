import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A key and the id stored beside what it encrypted, so rotated-out keys can still be found. */
export type SecretKey = { id: string; key: Buffer };

/**
 * The id is a fingerprint of the key (not the key, not reversible): operators need not name keys,
 * and the same key always gets the same id on every instance.
 */
export const secretKeyFrom = (key: Buffer): SecretKey => ({
  id: createHash('sha256').update('agentloop-secret-key-id\0').update(key).digest('hex').slice(0, 16),
  key,
});

/** A stored secret could not be opened: its key is not configured, or it (or its binding) was altered. */
export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretDecryptionError';
  }
}

export type SecretCipher = {
  /** The id of the key new secrets are encrypted with. */
  readonly keyId: string;
  /**
   * AES-256-GCM with a random 96-bit IV. `context` is authenticated but not stored (e.g. the owning
   * row's project and id), so a ciphertext copied to another row does not decrypt there.
   */
  encrypt(plaintext: string, context: string): string;
  decrypt(envelope: string, context: string): string;
};

const VERSION = 'v1';
const part = (buffer: Buffer) => buffer.toString('base64url');

/** The key id an envelope names, or null if it is not one of ours. */
export const envelopeKeyId = (envelope: string): string | null => {
  const parts = envelope.split('.');
  return parts.length === 5 && parts[0] === VERSION ? (parts[1] ?? null) : null;
};

/**
 * Encrypts with `current`; decrypts with `current` or any of `previous` (keys being rotated out).
 * Envelope: `v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url parts, safe in a text column.
 */
export const createSecretCipher = (current: SecretKey, previous: readonly SecretKey[] = []): SecretCipher => {
  const keys = new Map([...previous, current].map((key) => [key.id, key.key]));
  return {
    keyId: current.id,
    encrypt(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, current.id, part(iv), part(cipher.getAuthTag()), part(ciphertext)].join('.');
    },
    decrypt(envelope, context) {
      const [version, keyId, iv, tag, ciphertext] = envelope.split('.');
      if (version !== VERSION || !keyId || !iv || !tag || ciphertext === undefined) {
        throw new SecretDecryptionError('the stored secret is not in a format this version understands');
      }
      const key = keys.get(keyId);
      if (!key) {
        throw new SecretDecryptionError(
          `the stored secret was encrypted with key ${keyId}, which is not configured; ` +
            'after a rotation, keep the old key in AGENTLOOP_SECRET_KEY_PREVIOUS',
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretDecryptionError('the stored secret failed authentication (altered, or moved from another row)');
      }
    },
  };
};
