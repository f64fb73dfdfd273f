/** AES-256 wants exactly 32 bytes of key. */
export const SECRET_KEY_BYTES = 32;

/**
 * A 32-byte key written as 64 hex characters or as base64 / base64url (`openssl rand -base64 32`).
 * Returns null for anything else, so config can name the variable in its own message.
 */
export const parseSecretKey = (text: string): Buffer | null => {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === SECRET_KEY_BYTES ? bytes : null;
};
