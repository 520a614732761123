import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, TEST_POSTGRES_URL } from '@coach/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningProcess, runStartCommand, waitForPort } from './testing/process';
import { createClient, signIn } from './testing/trpc-client';

const started: RunningProcess[] = [];
/** Killing pnpm does not reach the server it started, should a test fail before stopping it. */
const serverPids: number[] = [];
afterAll(() => {
  for (const start of started) start.child.kill('SIGKILL');
  for (const pid of serverPids.filter(isAlive)) process.kill(pid, 'SIGKILL');
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
async function start(
  database: { DATA_DIR: string } | { DATABASE_URL: string },
): Promise<{ start: RunningProcess; serverPid: number; port: number }> {
  const running = runStartCommand({ PORT: '0', ...database });
  started.push(running);
  const port = await waitForPort(running, 180_000);
  const serverPid = Number(/"pid":(\d+)[^\n]*listening/.exec(running.output())?.[1]);
  serverPids.push(serverPid);
  return { start: running, serverPid, port };
}

/** The node flags the server process was started with. */
function nodeFlagsOf(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    .split('\0')
    .filter((arg) => arg.startsWith('--'));
}

describe('pnpm start under a supervisor', () => {
  it('SIGTERM to pnpm stops the server it started, and the next start opens the same data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'coach-start-command-'));
    const first = await start({ DATA_DIR: dataDir });
    expect(first.serverPid).not.toBe(first.start.child.pid);
    // PGlite's database is WebAssembly that runs all the time: it keeps V8's optimizing tier.
    expect(nodeFlagsOf(first.serverPid)).not.toContain('--liftoff-only');
    first.start.child.kill('SIGTERM');
    expect(await first.start.exited).toBe(0);
    expect(first.start.output()).toContain('shutting down');
    expect(isAlive(first.serverPid)).toBe(false);

    const second = await start({ DATA_DIR: dataDir });
    expect(second.start.output()).not.toMatch(/in use by another process/);
    second.start.child.kill('SIGTERM');
    expect(await second.start.exited).toBe(0);
  }, 400_000);
});

const postgres = await createPostgresDatabase();
if (!postgres) {
  console.warn(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: skipping its tests.`);
}

describe.skipIf(!postgres)('pnpm start on PostgreSQL', () => {
  afterAll(() => postgres?.drop());

  it("runs Prisma's query compiler without the optimizing tier, and serves", async () => {
    const { start: running, serverPid, port } = await start({ DATABASE_URL: postgres?.url ?? '' });
    expect(nodeFlagsOf(serverPid)).toContain('--liftoff-only');
    // The sign-in's and the activity list's queries are planned by the compiler (not raw SQL).
    const url = `http://127.0.0.1:${port}`;
    const { client, close } = createClient(
      url,
      await signIn(url, 'demo@example.com', 'demo-password'),
    );
    expect((await client.activities.list.query({ limit: 1 })).items).toHaveLength(1);
    close();
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  }, 400_000);
});
