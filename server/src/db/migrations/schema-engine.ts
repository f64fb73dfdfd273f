import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { PrismaPGlite } from 'pglite-prisma-adapter';

const require = createRequire(import.meta.url);

/**
 * Loads Prisma's schema engine compiled to WebAssembly, so migrations can be diffed without
 * the native engine binary (which cannot be downloaded offline). The wasm comes from the
 * `prisma` package (the exact build of our CLI); the glue from @prisma/schema-engine-wasm,
 * whose own entry imports a .wasm file directly, which Node 20 cannot do.
 */
const instantiateEngineModule = async () => {
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmPath = join(dirname(require.resolve('prisma/package.json')), 'build', 'schema_engine_bg.wasm');
  const module = await WebAssembly.compile(await readFile(wasmPath));
  const instance = await WebAssembly.instantiate(module, {
    './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  return glue;
};

// Once per process: the wasm-bindgen glue is a module singleton that caches views of the
// instance's memory, so a second instance would leave it reading the first one's memory.
let engineModule: ReturnType<typeof instantiateEngineModule> | undefined;
const loadEngineModule = () => {
  engineModule ??= instantiateEngineModule();
  return engineModule;
};

/**
 * An engine attached to a throw-away in-memory PGlite database. The caller brings that
 * database to the state to compare (for example by applying the committed migrations).
 */
export const withSchemaEngine = async <T>(
  schemaFiles: { path: string; content: string }[],
  fn: (engine: SchemaEngine, database: PGlite) => Promise<T>,
): Promise<T> => {
  const glue = await loadEngineModule();
  const database = await PGlite.create();
  try {
    const engine = await glue.SchemaEngine.new(
      { datamodels: schemaFiles.map((f) => [f.path, f.content] as [string, string]) },
      () => {},
      bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(database)),
    );
    try {
      return await fn(engine, database);
    } finally {
      engine.free();
    }
  } finally {
    await database.close();
  }
};
