import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { SECRET_KEY_FILE } from './secret-key-file.js';
import { createSecretKeyring } from './secret-keyring.js';

describe('createSecretKeyring', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agentloop-secrets-'));
    dirs.push(dir);
    return dir;
  };

  it('generates the embedded key once, mode 0600, and reuses it on the next start', async () => {
    const dataDir = await tempDir();
    const config = loadConfig({ AGENTLOOP_DATA_DIR: dataDir });
    expect(config.secrets.kind).toBe('generated');
    const first = await createSecretKeyring(config.secrets).cipher();
    const envelope = first.encrypt('sk-1', 'ctx');
    const file = join(dataDir, SECRET_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await createSecretKeyring(loadConfig({ AGENTLOOP_DATA_DIR: dataDir }).secrets).cipher();
    expect(second.decrypt(envelope, 'ctx')).toBe('sk-1');
    expect((await readFile(file, 'utf8')).trim()).toHaveLength(44);
  });

  it('never replaces a damaged key file', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, SECRET_KEY_FILE), 'garbage\n');
    const keyring = createSecretKeyring(loadConfig({ AGENTLOOP_DATA_DIR: dataDir }).secrets);
    await expect(keyring.cipher()).rejects.toThrow(/does not hold a 32-byte key.*restore it/);
    expect(await readFile(join(dataDir, SECRET_KEY_FILE), 'utf8')).toBe('garbage\n');
  });

  it('uses AGENTLOOP_SECRET_KEY when set, and refuses without one on PostgreSQL', async () => {
    const key = randomBytes(32).toString('base64');
    const configured = loadConfig({ DATABASE_URL: 'postgresql://db/x', AGENTLOOP_SECRET_KEY: key });
    expect(configured.secrets.kind).toBe('configured');
    await expect(createSecretKeyring(configured.secrets).cipher()).resolves.toBeDefined();

    const missing = createSecretKeyring(loadConfig({ DATABASE_URL: 'postgresql://db/x' }).secrets);
    expect(missing.available).toBe(false);
    await expect(missing.cipher()).rejects.toMatchObject({ code: 'UNAVAILABLE', message: /set AGENTLOOP_SECRET_KEY/ });
  });

  it('names the variable when a key is malformed', () => {
    expect(() => loadConfig({ AGENTLOOP_SECRET_KEY: 'short' })).toThrow(/AGENTLOOP_SECRET_KEY: expected 32 bytes/);
    expect(() =>
      loadConfig({ AGENTLOOP_SECRET_KEY: randomBytes(32).toString('hex'), AGENTLOOP_SECRET_KEY_PREVIOUS: 'a,b' }),
    ).toThrow(/AGENTLOOP_SECRET_KEY_PREVIOUS: expected 32 bytes/);
  });
});
