import type { Config } from '../config/config.js';
import { UnavailableError } from '../errors/app-error.js';
import { createSecretCipher, type SecretCipher, secretKeyFrom } from './secret-cipher.js';
import { readOrCreateSecretKeyFile } from './secret-key-file.js';

/** Hands out the cipher for stored secrets; refuses (UnavailableError) when no key is configured. */
export type SecretKeyring = {
  /** Whether secrets can be stored at all; false means `cipher()` throws. */
  readonly available: boolean;
  cipher(): Promise<SecretCipher>;
};

export const MISSING_SECRET_KEY_MESSAGE =
  'API keys cannot be stored: set AGENTLOOP_SECRET_KEY (32 bytes as base64 or hex, e.g. `openssl rand -base64 32`) ' +
  'to the same value on every instance; AgentLoop never stores them in plaintext';

/**
 * The embedded default creates its key file on first use rather than at start-up, so a server that
 * never stores a secret never writes one.
 */
export const createSecretKeyring = (secrets: Config['secrets']): SecretKeyring => {
  const previous = secrets.previous.map(secretKeyFrom);
  let cipher: Promise<SecretCipher> | null = null;
  return {
    available: secrets.kind !== 'missing',
    cipher() {
      if (secrets.kind === 'missing') return Promise.reject(new UnavailableError(MISSING_SECRET_KEY_MESSAGE));
      cipher ??= (async () => {
        const key = secrets.kind === 'configured' ? secrets.key : await readOrCreateSecretKeyFile(secrets.dataDir);
        return createSecretCipher(secretKeyFrom(key), previous);
      })();
      // A failed read (unreadable file) is not cached: the operator may fix it without a restart.
      cipher.catch(() => {
        cipher = null;
      });
      return cipher;
    },
  };
};
