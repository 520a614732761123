// `pnpm start`: builds what is missing, then runs the server. Each step is a direct child that gets
// this process's signals, so a supervisor's SIGTERM to `pnpm start` (which passes it on to us) stops
// the server cleanly, and we exit with the server's own exit code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  PRODUCTION_ENTRY,
  PRODUCTION_ENV_DEFAULTS,
  productionNodeArgs,
} from '../apps/server/scripts/production-runtime.mjs';

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
// compiler at run time, with the node flags and environment of production-runtime.mjs beside it.
// NODE_OPTIONS=--enable-source-maps maps its stack traces to the sources.
process.exit(
  await run(
    process.execPath,
    [...productionNodeArgs(process.env), PRODUCTION_ENTRY],
    `${ROOT}apps/server`,
    {
      ...PRODUCTION_ENV_DEFAULTS,
      ...process.env,
    },
  ),
);
