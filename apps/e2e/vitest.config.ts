import { defineConfig } from 'vitest/config';

// One browser and one server per file; files run one after another so they do not compete for 2 cores.
// New password hashes get scrypt's test cost (see packages/auth/src/password.ts), in the servers too.
export default defineConfig({
  test: {
    env: { PASSWORD_HASH_COST: 'test' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    expect: { poll: { timeout: 10_000 } },
  },
});
