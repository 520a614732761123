// Helper processes of the benchmark (the fake model, the bare relay): each a TypeScript entry run
// by node with tsx, talking to this process over IPC. A child exits when this process goes away.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export type ChildMessage = { type: string } & Record<string, unknown>;

export interface Child {
  readonly pid: number;
  /** what the child announced when ready, e.g. its URL */
  readonly ready: ChildMessage;
  /** sends a message and resolves with the child's next message of type `replyType` */
  call(message: ChildMessage, replyType: string, timeoutMs?: number): Promise<ChildMessage>;
  stop(): Promise<void>;
}

const BENCH_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const running = new Set<ChildProcess>();

/** Kills `child` when this process exits, if it is still running then. */
export function killOnExit(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

/** Kills every child still running (on this process's exit, even a crash). */
export function killChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}
process.on('exit', killChildren);

function nextMessage(child: ChildProcess, type: string, timeoutMs: number): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`child ${child.pid}: no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: ChildMessage) => {
      if (message?.type !== type) return;
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child ${child.pid} exited (${code}) before "${type}"`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Starts `entry` (a file of this folder) and waits for its `{ type: 'ready' }` message. */
export async function startChild(
  entry: string,
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<Child> {
  const child = fork(fileURLToPath(new URL(entry, import.meta.url)), [], {
    cwd: BENCH_ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  killOnExit(child);
  const ready = await nextMessage(child, 'ready', timeoutMs);
  return {
    pid: child.pid ?? 0,
    ready,
    call(message, replyType, callTimeoutMs = 30_000) {
      const reply = nextMessage(child, replyType, callTimeoutMs);
      child.send(message);
      return reply;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In a child: announce readiness, and exit when the parent goes away or asks. */
export function serveParent(
  ready: ChildMessage,
  onMessage: (message: ChildMessage, reply: (message: ChildMessage) => void) => void,
  onStop: () => Promise<void>,
): void {
  const reply = (message: ChildMessage) => process.send?.(message);
  const stop = () => {
    void onStop().finally(() => process.exit(0));
  };
  process.on('message', (message: ChildMessage) => onMessage(message, reply));
  process.once('disconnect', stop);
  process.once('SIGTERM', stop);
  reply(ready);
}
