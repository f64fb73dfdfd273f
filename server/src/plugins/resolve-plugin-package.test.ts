import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePluginPackage } from './resolve-plugin-package.js';
import { SERVER_PACKAGE_DIR } from './server-plugin-dirs.js';

const packageIn = (dir: string, name: string, manifest: Record<string, unknown>, file: string) => {
  const root = join(dir, 'node_modules', name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...manifest }));
  writeFileSync(join(root, file), 'export const plugins = [];\n');
  return join(root, file);
};

describe('resolvePluginPackage', () => {
  it('finds a package in the first directory that has it', () => {
    const first = mkdtempSync(join(tmpdir(), 'agentloop-resolve-'));
    const entry = packageIn(first, 'agentloop-evaluator-x', { main: 'main.js' }, 'main.js');
    expect(resolvePluginPackage('agentloop-evaluator-x', [first, SERVER_PACKAGE_DIR])).toBe(entry);
    // The built-in packages come from the server's own dependencies.
    expect(resolvePluginPackage('@agentloop/evaluator-code-checks', [first, SERVER_PACKAGE_DIR])).toMatch(
      /evaluators\/code-checks\/src\/index\.ts$/,
    );
  });

  it('finds an ESM-only package that exports its entry under `import` alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentloop-resolve-'));
    const entry = packageIn(dir, '@acme/evals', { type: 'module', exports: { '.': { import: './esm.js' } } }, 'esm.js');
    expect(resolvePluginPackage('@acme/evals', [dir])).toBe(entry);
  });

  it('says where it looked when the package is not installed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentloop-resolve-'));
    expect(() => resolvePluginPackage('agentloop-evaluator-missing', [dir])).toThrow(
      `package "agentloop-evaluator-missing" is not installed in ${dir} (npm install agentloop-evaluator-missing there)`,
    );
  });
});
