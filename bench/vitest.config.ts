import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `vitest run` (pnpm test): the harness's own unit tests; `vitest bench` (pnpm bench): *.bench.ts.
  test: {
    include: ['src/**/*.test.ts'],
    hookTimeout: 120_000,
    benchmark: { include: ['src/**/*.bench.ts'] },
  },
});
