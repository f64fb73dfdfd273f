import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadPluginRegistry } from './plugin-registry.js';
import { SERVER_PACKAGE_DIR } from './server-plugin-dirs.js';

const fixtures = resolve(import.meta.dirname, '../../../test/fixtures/plugins');

const dirWith = (...names: string[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'agentloop-registry-'));
  mkdirSync(join(dir, 'node_modules'));
  for (const name of names) symlinkSync(join(fixtures, name), join(dir, 'node_modules', name), 'dir');
  return dir;
};

describe('loadPluginRegistry', () => {
  it('sets plugins up once on load and tears them down once, however often stop is called', async () => {
    const lifecycle = () => (globalThis as { agentloopFixtureLifecycle?: string[] }).agentloopFixtureLifecycle ?? [];
    const registry = await loadPluginRegistry({
      specs: [{ package: 'agentloop-fixture-misbehaving', builtIn: false }],
      dirs: [dirWith('agentloop-fixture-misbehaving'), SERVER_PACKAGE_DIR],
      logger: pino({ level: 'silent' }),
      timeoutMs: 5_000,
    });
    expect(registry.evaluator('fixture-shouting')?.name).toBe('fixture-shouting');
    expect(registry.get('nope')).toBeUndefined();
    const before = lifecycle().length;
    await Promise.all([registry.teardown(), registry.teardown()]);
    expect(lifecycle().slice(before)).toEqual(['teardown']);
    expect(lifecycle()).toContain('setup');
  });

  it('records a package given options without createPlugins as failed', async () => {
    const registry = await loadPluginRegistry({
      specs: [{ package: 'agentloop-fixture-wrong-api', options: { x: 1 }, builtIn: false }],
      dirs: [dirWith('agentloop-fixture-wrong-api')],
      logger: pino({ level: 'silent' }),
      timeoutMs: 5_000,
    });
    expect(registry.packages).toEqual([
      expect.objectContaining({ status: 'FAILED', error: expect.stringContaining('exports no createPlugins(options)') }),
    ]);
    expect(registry.entries).toEqual([]);
  });
});
