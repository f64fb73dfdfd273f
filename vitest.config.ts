import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'clients/**/*.test.ts', 'plugins/**/*.test.ts', 'evaluators/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          // Each file starts its own servers and databases; two cores run two files at a time.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
