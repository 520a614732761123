import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { DEFAULT_FAKE_TEXT, type FakeAnthropic } from '@coach/llm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO, startTestApp, type TestApp } from './testing/test-app';
import { createClient, signIn } from './testing/trpc-client';

const IDLE_MS = 600;
let fake: FakeAnthropic;
let running: TestApp;
const opened: WebSocket[] = [];
beforeAll(async () => {
  running = await startTestApp({
    // each test comes from its own address through the "proxy"
    TRUST_PROXY: 'true',
    WS_MAX_PER_IP: '3',
    WS_IDLE_TIMEOUT_MS: String(IDLE_MS),
  });
  fake = running.fake;
}, 120_000);
afterAll(async () => {
  for (const socket of opened) if (socket.readyState === WebSocket.OPEN) socket.terminate();
  await running?.close();
});

/** Opens a raw WebSocket from `address`: the HTTP status of the upgrade, and the socket. */
async function connect(address: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(`${running.baseUrl.replace('http', 'ws')}/trpc`, {
    headers: { 'x-forwarded-for': address, ...headers },
  });
  opened.push(socket);
  const status = await new Promise<number | undefined>((resolve) => {
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode));
    socket.on('open', () => resolve(101));
  });
  return { status, socket };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WebSockets per client address', () => {
  it('are capped: the one too many is refused with 429 before tRPC, and a closed one frees its place', async () => {
    const address = '203.0.113.1';
    const three = await Promise.all([connect(address), connect(address), connect(address)]);
    expect(three.map((c) => c.status)).toEqual([101, 101, 101]);
    expect((await connect(address)).status).toBe(429);
    expect((await connect('203.0.113.2')).status).toBe(101);

    const first = three[0]?.socket as WebSocket;
    first.close();
    await once(first, 'close');
    await expect.poll(async () => (await connect(address)).status).toBe(101);
  });
});

describe('an idle WebSocket', () => {
  it('is closed when nothing but keep-alives crosses it', async () => {
    const { socket } = await connect('203.0.113.3');
    const started = Date.now();
    const pinger = setInterval(() => socket.send('PONG'), 100);
    const [code] = await once(socket, 'close');
    clearInterval(pinger);
    expect(code).toBe(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_MS - 50);
  });

  it('stays open while messages cross it', async () => {
    const { socket } = await connect('203.0.113.4');
    for (let id = 1; id <= 8; id++) {
      socket.send(JSON.stringify({ id, method: 'query', params: { path: 'auth.me' } }));
      await sleep(IDLE_MS / 3);
    }
    expect(socket.readyState).toBe(WebSocket.OPEN);
    await once(socket, 'close');
  });

  it('is not cut while an answer longer than the timeout streams', async () => {
    fake.setDefault({ tokenDelayMs: 60 });
    const cookie = await signIn(running.baseUrl, DEMO.email, DEMO.password);
    const made = createClient(running.baseUrl, cookie);
    const started = Date.now();
    const tokens: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = made.client.chat.stream.subscribe(
        { universe: 'general', message: 'Tell me', conversation: [], requestId: randomUUID() },
        {
          onData: (event) => {
            const data = (event as { data: { type: string; content?: string } }).data;
            if (data.type === 'token') tokens.push(data.content ?? '');
            else {
              subscription.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        },
      );
    });
    made.close();
    expect(Date.now() - started).toBeGreaterThan(IDLE_MS);
    expect(tokens.join('')).toBe(DEFAULT_FAKE_TEXT);
    expect(fake.requests).toHaveLength(1);
  });
});
