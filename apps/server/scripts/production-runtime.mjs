// How the production build runs, in one place: `pnpm start` (scripts/start.mjs at the root) and
// the tests' and benchmarks' runBuiltServer (src/testing/process.ts) both read it, so what the
// benchmarks measure is what `pnpm start` runs.

/** The bundle made by scripts/bundle.mjs, relative to apps/server. */
export const PRODUCTION_ENTRY = 'dist/main.mjs';

/**
 * The node flags for the server started with environment `env`.
 * --max-semi-space-size=4: V8's young generation stays within 4 MiB semi-spaces (node's default
 * grows them to 16 MiB, and never gives the memory back): idle RSS and RSS per active stream are
 * lower, with no loss at 100 and 500 streams (README, "Fourth round").
 * --liftoff-only on PostgreSQL (DATABASE_URL), where the only WebAssembly is Prisma's query
 * compiler: the start's queries make some of its functions hot, and V8's optimizing tier
 * (TurboFan) then compiles them with ≈ 40–60 MiB of compiler memory, which glibc keeps once freed:
 * idle RSS ≈ 162 → 100 MiB. Query plans are cached per query shape, so warm requests do not run
 * the compiler. PGlite's database is WebAssembly that runs all the time: it keeps the optimizing
 * tier (README, "Seventh round (idle memory)").
 */
export function productionNodeArgs(env) {
  return ['--max-semi-space-size=4', ...(env.DATABASE_URL ? ['--liftoff-only'] : [])];
}

/**
 * Defaults under the caller's environment (a variable already set wins). MALLOC_ARENA_MAX=2:
 * glibc's allocator keeps at most two arenas instead of up to eight per core for V8's and
 * libuv's threads; idle RSS on PostgreSQL ≈ 172 → 154 MiB.
 */
export const PRODUCTION_ENV_DEFAULTS = { MALLOC_ARENA_MAX: '2' };
