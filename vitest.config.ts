import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships a CJS build (index.js) and an ESM build (index.mjs). Node hands our
    // dependencies (yoga, Pothos) the CJS one; Vite would hand our own files the ESM one, and two
    // GraphQLError classes would make the server behave differently under test than in production.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'clients/**/*.test.ts', 'plugins/**/*.test.ts', 'evaluators/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // Each file starts its own servers and databases; two cores run two files at a time. CLI
          // and startup tests spawn processes that compile TypeScript on start: on a busy 2-core
          // machine (load ~20) one such test took over 60 s while passing in 15 s on a quiet one.
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
