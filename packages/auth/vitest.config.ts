import { defineConfig } from 'vitest/config';

export default defineConfig({
  // scrypt is slow on purpose (≈ 0.3–1 s a hash at the full cost, which the password tests use);
  // the first test file to need the migrated PGlite template builds it in its beforeAll (several
  // seconds). Other new hashes get scrypt's test cost (see src/password.ts).
  test: { testTimeout: 30_000, hookTimeout: 60_000, env: { PASSWORD_HASH_COST: 'test' } },
});
