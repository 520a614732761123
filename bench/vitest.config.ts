import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['src/**/*.bench.ts'], hookTimeout: 120_000 },
});
