import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // better-sqlite3 is a native addon: forks isolate it cleanly.
    pool: 'forks',
    // The browser tests (test/browser) drive the built web app: build it first if it is stale.
    globalSetup: ['test/browser/global-setup.ts'],
    // Generous: CLI and browser tests start real processes, which a busy machine slows down.
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
