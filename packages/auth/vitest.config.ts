import { defineConfig } from 'vitest/config';

export default defineConfig({
  // scrypt is slow on purpose (≈ 0.3 s a hash, more on a busy machine).
  test: { testTimeout: 30_000 },
});
