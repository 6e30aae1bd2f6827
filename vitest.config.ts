import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // better-sqlite3 is a native addon: forks isolate it cleanly.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
