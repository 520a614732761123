import { defineConfig } from 'vitest/config';

// One browser and one server per file; files run one after another so they do not compete for 2 cores.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    expect: { poll: { timeout: 10_000 } },
  },
});
