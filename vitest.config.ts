import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Heavy suites (CLI child processes, SQLite files, image decoding) share 2 cores; forks keep native modules isolated.
    pool: 'forks',
  },
});
