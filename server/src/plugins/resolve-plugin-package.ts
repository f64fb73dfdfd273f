import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PluginLoadError } from './plugin-load-error.js';

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/** The first string target of an `exports` entry, preferring ESM conditions (we import it). */
const exportTarget = (entry: unknown): string | undefined => {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const conditions = entry as Record<string, unknown>;
  for (const key of ['import', 'node', 'default']) {
    const target = exportTarget(conditions[key]);
    if (target) return target;
  }
  return undefined;
};

/**
 * require.resolve only knows CommonJS conditions; a package that exports its entry under
 * `import` alone is found here through the same node_modules lookup paths.
 */
const resolveImportOnly = (require: NodeJS.Require, name: string): string | undefined => {
  for (const modules of require.resolve.paths(name) ?? []) {
    const manifestPath = join(modules, name, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: unknown };
    const exported = manifest.exports;
    const root =
      typeof exported === 'object' && exported !== null && '.' in exported
        ? (exported as Record<string, unknown>)['.']
        : exported;
    const target = exportTarget(root);
    return target ? join(modules, name, target) : undefined;
  }
  return undefined;
};

/**
 * Finds a plugin package's entry file the way Node would from each directory in turn (its
 * node_modules and those above it): the operator's plugins directory first, then the server's
 * own dependencies, where the built-in evaluators are.
 */
export const resolvePluginPackage = (name: string, dirs: readonly string[]): string => {
  for (const dir of dirs) {
    const require = createRequire(join(dir, 'package.json'));
    try {
      return require.resolve(name);
    } catch (error) {
      if (codeOf(error) === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
        const entry = resolveImportOnly(require, name);
        if (entry) return entry;
      }
      if (codeOf(error) !== 'MODULE_NOT_FOUND' && codeOf(error) !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
        throw new PluginLoadError(`package "${name}" could not be resolved: ${(error as Error).message}`, { cause: error });
      }
    }
  }
  throw new PluginLoadError(`package "${name}" is not installed in ${dirs.join(' or ')} (npm install ${name} there)`);
};
