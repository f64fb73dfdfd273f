import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSecretKey, SECRET_KEY_BYTES } from './parse-secret-key.js';

export const SECRET_KEY_FILE = 'secret-key';

/**
 * The embedded default's encryption key: generated once into the data directory (mode 0600) and
 * read back on every start. Unlike the search master key, a damaged file is never replaced: a new
 * key would make every stored API key unreadable, so we stop and say so instead.
 */
export const readOrCreateSecretKeyFile = async (dataDir: string): Promise<Buffer> => {
  const path = join(dataDir, SECRET_KEY_FILE);
  const read = async () => {
    const text = await readFile(path, 'utf8');
    const key = parseSecretKey(text);
    if (!key) {
      throw new Error(
        `${path} does not hold a 32-byte key (base64 or hex); restore it from a backup, or set AGENTLOOP_SECRET_KEY. ` +
          'Replacing it makes stored model-service API keys unreadable.',
      );
    }
    return key;
  };
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  try {
    // 'wx': if another process wrote it in the meantime, keep theirs.
    await writeFile(path, `${randomBytes(SECRET_KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return read();
};
