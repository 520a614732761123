// How the production build runs, in one place: `pnpm start` (scripts/start.mjs at the root) and
// the tests' and benchmarks' runBuiltServer (src/testing/process.ts) both read it, so what the
// benchmarks measure is what `pnpm start` runs.

/** The bundle made by scripts/bundle.mjs, relative to apps/server. */
export const PRODUCTION_ENTRY = 'dist/main.mjs';

/**
 * --max-semi-space-size=4: V8's young generation stays within 4 MiB semi-spaces (node's default
 * grows them to 16 MiB, and never gives the memory back): idle RSS and RSS per active stream are
 * lower, with no loss at 100 and 500 streams (README, "Fourth round").
 */
export const PRODUCTION_NODE_ARGS = ['--max-semi-space-size=4'];

/**
 * Defaults under the caller's environment (a variable already set wins). MALLOC_ARENA_MAX=2:
 * glibc's allocator keeps at most two arenas instead of up to eight per core for V8's and
 * libuv's threads; idle RSS on PostgreSQL ≈ 172 → 154 MiB.
 */
export const PRODUCTION_ENV_DEFAULTS = { MALLOC_ARENA_MAX: '2' };
