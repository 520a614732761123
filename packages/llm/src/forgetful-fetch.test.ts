import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetfulFetch } from './forgetful-fetch';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let url: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (request.url === '/moved') {
        response.writeHead(307, { location: '/' }).end();
      } else {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('forgetfulFetch', () => {
  it('sends a string body whole, with its length in bytes rather than in chunks', async () => {
    const body = JSON.stringify({ system: 'Coach’s prompt — '.repeat(2000), stream: true });
    const response = await forgetfulFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
      body,
    });
    expect(await response.text()).toBe('ok');
    const last = received.at(-1);
    expect(last?.body).toBe(body);
    expect(last?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(last?.headers['transfer-encoding']).toBeUndefined();
    expect(last?.headers['x-api-key']).toBe('k');
  });

  it('refuses a redirect rather than keeping the body to send it again', async () => {
    await expect(forgetfulFetch(`${url}/moved`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('passes any other request through as it is', async () => {
    const response = await forgetfulFetch(`${url}/moved`);
    expect(response.status).toBe(200); // followed: no body to keep
  });
});
