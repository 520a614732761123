import { defineConfig } from 'vitest/config';

// Two files at a time, where vitest would take one on 2 cores: most of these tests wait on the
// server processes, databases and sockets they start, so a second file uses the idle core. New
// password hashes get scrypt's test cost (see packages/auth/src/password.ts), here and in the
// servers the tests start: a full-cost hash is a second of CPU, and these tests sign in often.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    env: { PASSWORD_HASH_COST: 'test' },
  },
});
