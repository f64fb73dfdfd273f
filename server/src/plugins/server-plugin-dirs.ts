import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The server package's directory: its node_modules hold the built-in evaluator packages. */
export const SERVER_PACKAGE_DIR = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** Where packages resolve from: the operator's directory first, then the server's own dependencies. */
export const pluginResolutionDirs = (operatorDir: string): string[] =>
  operatorDir === SERVER_PACKAGE_DIR ? [operatorDir] : [operatorDir, SERVER_PACKAGE_DIR];
