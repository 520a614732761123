import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProcess, runEntry, waitForPort } from './testing/process';
import { rawRequest } from './testing/raw-http';

let server: RunningProcess;
let port: number;

beforeAll(async () => {
  server = runEntry('src/main.ts', {
    PORT: '0',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'coach-malformed-')),
  });
  port = await waitForPort(server);
}, 60_000);
afterAll(() => {
  server.child.kill('SIGKILL');
});

const healthz = async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status;

describe('the running server, sent a request target that is not a URL', () => {
  it('answers 400 over HTTP and keeps serving', async () => {
    expect(await rawRequest(port, 'GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toBe(400);
    expect(await healthz()).toBe(200);
  });

  it('refuses it as a WebSocket upgrade with 400 and keeps serving', async () => {
    const upgrade = [
      'GET //[ HTTP/1.1',
      'Host: 127.0.0.1',
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      '',
      '',
    ].join('\r\n');
    expect(await rawRequest(port, upgrade)).toBe(400);
    expect(await healthz()).toBe(200);
    expect(server.child.exitCode).toBeNull();
  });
});
