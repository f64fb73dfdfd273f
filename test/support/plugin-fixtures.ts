import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

/** The fixture plugin packages under test/fixtures/plugins. */
export const PLUGIN_FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures/plugins');

/**
 * A directory laid out as if `npm install` had put the named fixture packages into its
 * node_modules (symlinks, as `npm link` makes), for AGENTLOOP_PLUGINS_DIR. Removed after the file.
 */
export const usePluginsDir = (fixtures: readonly string[]): string => {
  const dir = mkdtempSync(join(tmpdir(), 'agentloop-plugins-'));
  mkdirSync(join(dir, 'node_modules'));
  for (const name of fixtures) symlinkSync(join(PLUGIN_FIXTURES_DIR, name), join(dir, 'node_modules', name), 'dir');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};
