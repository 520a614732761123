import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import {
  PRODUCTION_ENTRY,
  PRODUCTION_ENV_DEFAULTS,
  productionNodeArgs,
} from '../../scripts/production-runtime.mjs';

const SERVER_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningProcess {
  child: ChildProcessWithoutNullStreams;
  /** everything printed so far, stdout and stderr together */
  output(): string;
  /** resolves with the exit code */
  exited: Promise<number | null>;
}

const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

/** `envDefaults` give way to this process's environment; `env` overrides both. */
function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  envDefaults: Readonly<Record<string, string>> = {},
): RunningProcess {
  const child = spawn(command, args, {
    cwd,
    env: { ...envDefaults, ...process.env, DATABASE_URL: '', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, output: () => output, exited };
}

/** Runs one of the server's TypeScript entry points (`src/main.ts`, `src/cli/seed.ts`) as a real process. */
export function runEntry(
  entry: string,
  env: Record<string, string>,
  args: readonly string[] = [],
  nodeArgs: readonly string[] = [],
): RunningProcess {
  return run(process.execPath, [...nodeArgs, '--import', 'tsx', entry, ...args], SERVER_ROOT, env);
}

/**
 * Runs the server's production build (`dist/main.mjs`, made by `pnpm build`) as a real process,
 * with the node flags and environment `pnpm start` gives it; `nodeArgs` come after its flags, so
 * they can override them.
 */
export function runBuiltServer(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): RunningProcess {
  return run(
    process.execPath,
    [...productionNodeArgs(env), ...nodeArgs, PRODUCTION_ENTRY],
    SERVER_ROOT,
    env,
    PRODUCTION_ENV_DEFAULTS,
  );
}

/** Runs `pnpm start` in the repository, as a supervisor would. */
export function runStartCommand(env: Record<string, string>): RunningProcess {
  return run('pnpm', ['start'], REPO_ROOT, env);
}

/** Waits for the server's "listening" log line and returns the port it chose. */
export async function waitForPort(server: RunningProcess, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /"port":(\d+)[^\n]*listening/.exec(server.output());
    if (match) return Number(match[1]);
    if (server.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`server did not start:\n${server.output()}`);
}
