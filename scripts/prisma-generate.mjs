// `prisma generate` works offline once PRISMA_SCHEMA_ENGINE_BINARY names any existing file:
// generation never runs the schema engine, but the CLI insists on locating one and would
// otherwise try to download it. The generated client itself is pure WebAssembly.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const result = spawnSync('npx', ['prisma', 'generate'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? `${here}prisma-generate.mjs`,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
if (result.status !== 0) {
  process.stdout.write(result.stdout);
  process.exit(result.status ?? 1);
}
