import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // better-sqlite3 is a native addon: forks isolate it cleanly.
    pool: 'forks',
    // One test file per core, not vitest's one fewer: most files wait on the processes, browsers and
    // databases they drive rather than compute, and on two cores the default runs them one at a time.
    maxWorkers: availableParallelism(),
    // The browser tests (test/browser) drive the built web app: build it first if it is stale.
    globalSetup: ['test/browser/global-setup.ts'],
    // Generous: CLI and browser tests start real processes, which a busy machine slows down.
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
