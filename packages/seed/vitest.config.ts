import { defineConfig } from 'vitest/config';

export default defineConfig({
  // New password hashes at scrypt's test cost (see packages/auth/src/password.ts).
  test: { testTimeout: 30_000, hookTimeout: 60_000, env: { PASSWORD_HASH_COST: 'test' } },
});
