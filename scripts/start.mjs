// `pnpm start`: builds what is missing, then runs the server. Each step is a direct child that gets
// this process's signals, so a supervisor's SIGTERM to `pnpm start` (which passes it on to us) stops
// the server cleanly, and we exit with the server's own exit code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FORWARDED_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/** Runs a command to its end, passing our signals on to it; resolves with its exit code. */
function run(command, args, cwd, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      for (const name of FORWARDED_SIGNALS) process.off(name, forward);
      resolve(code ?? 128 + (constants.signals[signal] ?? 0));
    });
  });
}

const build = await run(
  fileURLToPath(new URL('../node_modules/.bin/turbo', import.meta.url)),
  ['run', 'build', '--filter=@coach/web', '--filter=@coach/server', '--output-logs=errors-only'],
  ROOT,
  { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
);
if (build !== 0) process.exit(build);
// The server's production build (apps/server/scripts/bundle.mjs): plain JavaScript, no TypeScript
// compiler at run time. NODE_OPTIONS=--enable-source-maps maps its stack traces to the sources.
// MALLOC_ARENA_MAX=2 (unless set): glibc's allocator keeps at most two arenas instead of up to
// eight per core for V8's and libuv's threads; idle RSS on PostgreSQL ≈ 172 → 154 MiB.
// --max-semi-space-size=4: V8's young generation stays within 4 MiB semi-spaces (node's default
// grows them to 16 MiB, and never gives the memory back): idle RSS and RSS per active stream are
// lower, with no loss at 100 and 500 streams (README, "Fourth round").
// --liftoff-only on PostgreSQL, where the only WebAssembly is Prisma's query compiler: the start's
// queries make some of its functions hot, and V8's optimizing tier (TurboFan) then compiles them
// with ≈ 40–60 MiB of compiler memory, which glibc keeps once freed: idle RSS ≈ 162 → 100 MiB.
// Query plans are cached per query shape, so warm requests do not run the compiler. PGlite's
// database is WebAssembly that runs all the time: it keeps the optimizing tier (README, "Sixth round").
const nodeArgs = [
  '--max-semi-space-size=4',
  ...(process.env.DATABASE_URL ? ['--liftoff-only'] : []),
];
process.exit(
  await run(process.execPath, [...nodeArgs, 'dist/main.mjs'], `${ROOT}apps/server`, {
    MALLOC_ARENA_MAX: '2',
    ...process.env,
  }),
);
