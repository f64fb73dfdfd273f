import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { ConfigError } from '../config/config-error.js';
import { BUILTIN_PLUGIN_PACKAGES } from './builtin-plugin-packages.js';
import { pluginSpecsFromConfig } from './plugin-specs.js';

const configFile = (content: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'agentloop-config-')), 'agentloop.config.json');
  writeFileSync(path, content);
  return path;
};

describe('pluginSpecsFromConfig', () => {
  it('loads the built-in packages first, then the config file, then AGENTLOOP_PLUGINS, each once', () => {
    const path = configFile(
      JSON.stringify({ plugins: ['agentloop-evaluator-a', { package: 'agentloop-evaluator-b', options: { strict: true } }] }),
    );
    const config = loadConfig({ AGENTLOOP_CONFIG: path, AGENTLOOP_PLUGINS: ' agentloop-evaluator-b, @acme/evals ,' });
    expect(pluginSpecsFromConfig(config.plugins)).toEqual([
      ...BUILTIN_PLUGIN_PACKAGES.map((name) => ({ package: name, builtIn: true })),
      { package: 'agentloop-evaluator-a', builtIn: false },
      { package: 'agentloop-evaluator-b', options: { strict: true }, builtIn: false },
      { package: '@acme/evals', builtIn: false },
    ]);
  });

  it('treats a missing default file as no plugins, but refuses a named file that is missing', () => {
    const config = loadConfig({ AGENTLOOP_CONFIG: '/nonexistent/agentloop.config.json' });
    expect(() => pluginSpecsFromConfig(config.plugins)).toThrow(
      /AGENTLOOP_CONFIG \(\/nonexistent\/agentloop.config.json\): file not found/,
    );
    const fallback = loadConfig({});
    expect(fallback.plugins.configFile.explicit).toBe(false);
  });

  it('names the field of a bad entry and the file', () => {
    const path = configFile(JSON.stringify({ plugins: ['ok-name', { package: 'Bad Name!' }], plugin: [] }));
    let error: unknown;
    try {
      pluginSpecsFromConfig(loadConfig({ AGENTLOOP_CONFIG: path }).plugins);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).message;
    expect(text).toContain('plugins.1');
    expect(text).toContain('(root)');
    expect(text).toContain(path);
  });

  it('refuses a file that is not JSON', () => {
    const path = configFile('{ plugins: [');
    expect(() => pluginSpecsFromConfig(loadConfig({ AGENTLOOP_CONFIG: path }).plugins)).toThrow(/not valid JSON/);
  });
});
