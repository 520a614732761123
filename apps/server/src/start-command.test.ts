import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningProcess, runStartCommand, waitForPort } from './testing/process';

const started: RunningProcess[] = [];
afterAll(() => {
  for (const start of started) start.child.kill('SIGKILL');
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts `pnpm start` and waits until it serves; returns the server process's pid (from its log). */
async function start(dataDir: string): Promise<{ start: RunningProcess; serverPid: number }> {
  const running = runStartCommand({ PORT: '0', DATA_DIR: dataDir });
  started.push(running);
  await waitForPort(running, 180_000);
  const serverPid = Number(/"pid":(\d+)[^\n]*listening/.exec(running.output())?.[1]);
  return { start: running, serverPid };
}

describe('pnpm start under a supervisor', () => {
  it('SIGTERM to pnpm stops the server it started, and the next start opens the same data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'coach-start-command-'));
    const first = await start(dataDir);
    expect(first.serverPid).not.toBe(first.start.child.pid);
    first.start.child.kill('SIGTERM');
    expect(await first.start.exited).toBe(0);
    expect(first.start.output()).toContain('shutting down');
    expect(isAlive(first.serverPid)).toBe(false);

    const second = await start(dataDir);
    expect(second.start.output()).not.toMatch(/in use by another process/);
    second.start.child.kill('SIGTERM');
    expect(await second.start.exited).toBe(0);
  }, 400_000);
});
