import { createHash, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'al_';
const SECRET_PATTERN = /^al_[A-Za-z0-9_-]{43}$/;

/**
 * 256 random bits. With that much entropy a plain sha256 is the right hash (as for GitHub
 * tokens): a slow password hash would only slow every request down.
 */
export const generateApiKeySecret = () => {
  const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, 11), hash: hashApiKeySecret(secret) };
};

export const hashApiKeySecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export const looksLikeApiKeySecret = (value: string) => SECRET_PATTERN.test(value);
