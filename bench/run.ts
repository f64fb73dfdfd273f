import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

// What every bench/*.bench.ts must export; checked because the runner imports files by name.
const benchModule = z.object({
  run: z.custom<() => Promise<unknown>>(
    (value) => typeof value === 'function',
    'expected `export const run = async () => ({ … })`',
  ),
});
const benchResult = z.record(z.string(), z.unknown());

const SUFFIX = '.bench.ts';

/**
 * Runs every bench/*.bench.ts in turn (or those whose name contains an argument) and prints one
 * JSON object per benchmark on stdout, so results can be appended to a file or piped to jq.
 * A failing benchmark prints `{ benchmark, error }`, the others still run, and the exit code is 1.
 */
const main = async () => {
  const filters = process.argv.slice(2);
  const files = (await readdir(import.meta.dirname))
    .filter((file) => file.endsWith(SUFFIX))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort();
  if (files.length === 0) {
    console.error(`No bench/*${SUFFIX} file matches ${filters.join(', ') || '(no filter)'}`);
    process.exitCode = 1;
    return;
  }
  for (const file of files) {
    const benchmark = basename(file, SUFFIX);
    try {
      const module = benchModule.parse(await import(pathToFileURL(join(import.meta.dirname, file)).href));
      const result = benchResult.parse(await module.run());
      console.log(JSON.stringify({ benchmark, ...result }));
    } catch (error) {
      process.exitCode = 1;
      console.log(JSON.stringify({ benchmark, error: error instanceof Error ? error.message : String(error) }));
    }
  }
};

await main();
