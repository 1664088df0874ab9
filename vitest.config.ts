import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/plain-summary.ts'],
    // the real model and index are shared by many files; one worker keeps memory flat on 2 cores
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
