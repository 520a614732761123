import { defineConfig } from 'vitest/config';

export default defineConfig({
  // scrypt is slow on purpose (≈ 0.3 s a hash, more on a busy machine); the first test file to
  // need the migrated PGlite template builds it in its beforeAll (several seconds).
  test: { testTimeout: 30_000, hookTimeout: 60_000 },
});
