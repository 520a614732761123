import { once } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebAppHandler } from './web-app';

let server: Server | undefined;
afterEach(() => server?.close());

async function serve(dist: string): Promise<string> {
  server = createServer(createWebAppHandler(dist));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function builtApp(): string {
  const dist = mkdtempSync(join(tmpdir(), 'coach-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Coach</title>');
  writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log(1)');
  return dist;
}

describe('the web app handler', () => {
  it('serves index.html with security headers, for / and for any page path', async () => {
    const url = await serve(builtApp());
    for (const path of ['/', '/coach/today']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Coach</title>');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('lets browsers keep fingerprinted assets forever', async () => {
    const url = await serve(builtApp());
    const response = await fetch(`${url}/assets/app-1a2b.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('says how to build the app when it is missing', async () => {
    const url = await serve(join(tmpdir(), 'coach-web-missing-dist'));
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/not built yet/);
  });
});
