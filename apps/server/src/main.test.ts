import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningProcess, runEntry, waitForPort } from './testing/process';

const started: RunningProcess[] = [];
afterAll(() => {
  for (const server of started) server.child.kill('SIGKILL');
});

function start(env: Record<string, string>): RunningProcess {
  const server = runEntry('src/main.ts', { PORT: '0', ...env });
  started.push(server);
  return server;
}

describe('pnpm start on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'coach-start-'));

  it('migrates, seeds the demo athlete, answers /healthz and stops cleanly on SIGTERM', async () => {
    const server = start({ DATA_DIR: dataDir });
    const port = await waitForPort(server);
    expect(server.output()).toContain('demo athlete seeded');

    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${port}/nowhere`, { method: 'POST' })).status).toBe(404);

    const second = start({ DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by another process/);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('starts again on the same data without seeding twice', async () => {
    const server = start({ DATA_DIR: dataDir });
    const port = await waitForPort(server);
    expect(server.output()).not.toContain('demo athlete seeded');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('refuses bad configuration with a message naming the variable', async () => {
    const server = start({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Invalid configuration:\n\s+- PORT: /);
  });
});
