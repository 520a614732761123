// The server under test as a real process: `node --import tsx apps/server/src/main.ts` (or, with
// --built, the production build `apps/server/dist/main.mjs` with the node flags and environment
// `pnpm start` gives it), started by the server's own test helper, with every setting it gets from
// the benchmark made here.
import { runBuiltServer, runEntry, waitForPort } from '@coach/server/testing/process';
import { killOnExit } from './children';
import type { BenchDatabase } from './database';

/** High enough that no daily limit or per-athlete cap is what a benchmark measures. */
const NO_LIMIT = String(1_000_000_000);

/** The server's whole environment for a benchmark run (the one place it is decided). */
export function serverEnv(
  database: BenchDatabase,
  modelUrl: string,
  maxTokens: number,
): Record<string, string> {
  return {
    PORT: '0', // the server logs the port it got
    ...database.env,
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: modelUrl,
    LOG_LEVEL: 'info', // the product's default
    CHAT_MAX_RESPONSE_TOKENS: String(maxTokens),
    CHAT_DAILY_MESSAGE_LIMIT: NO_LIMIT,
    CHAT_DAILY_INPUT_LIMIT: NO_LIMIT,
    CHAT_DAILY_OUTPUT_LIMIT: NO_LIMIT,
    // Not a setting yet: should a per-athlete cap on concurrent streams come, it is set out of reach.
    CHAT_MAX_CONCURRENT_STREAMS: NO_LIMIT,
    // Every stream's WebSocket comes from the one client process's address.
    WS_MAX_PER_IP: NO_LIMIT,
    // The relay has no deadline on the model's first token; at 1,000 streams on a loaded machine
    // the product's 10 s one sends some answers to the offline coach, which the run counts as errors.
    CHAT_FIRST_TOKEN_TIMEOUT_MS: String(10 * 60_000),
  };
}

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** everything the server printed */
  output(): string;
  stop(): Promise<void>;
}

export async function startServer(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
  built = false,
): Promise<ServerProcess> {
  const server = built ? runBuiltServer(env, nodeArgs) : runEntry('src/main.ts', env, [], nodeArgs);
  killOnExit(server.child);
  const port = await waitForPort(server, 120_000);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: server.child.pid ?? 0,
    output: server.output,
    async stop() {
      if (server.child.exitCode !== null) return;
      server.child.kill('SIGTERM');
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
      await server.exited;
      clearTimeout(timer);
    },
  };
}
