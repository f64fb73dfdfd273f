import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';

describe('lockDataDir', () => {
  let dir: string;
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second holder while the first lives, naming its pid', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentloop-lock-'));
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    await writeFile(join(dir, 'agentloop.pid'), String(other.pid));
    try {
      await expect(lockDataDir(dir)).rejects.toThrow(DataDirInUseError);
      await expect(lockDataDir(dir)).rejects.toThrow(`in use by process ${other.pid}`);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that is gone, and releases it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentloop-lock-'));
    await writeFile(join(dir, 'agentloop.pid'), '999999999');
    const lock = await lockDataDir(dir);
    expect(await readFile(join(dir, 'agentloop.pid'), 'utf8')).toBe(String(process.pid));
    await lock.release();
    await expect(readFile(join(dir, 'agentloop.pid'), 'utf8')).rejects.toThrow();
  });
});
