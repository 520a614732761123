import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeAnthropic,
  lastAnswer,
  launchBrowser,
  type RunningServer,
  screenshot,
  send,
  signIn,
  startFakeAnthropic,
  startServer,
} from './harness';

const WEB_ROOT = fileURLToPath(new URL('../../web', import.meta.url));

let fake: FakeAnthropic;
let browser: Browser;
const servers: RunningServer[] = [];
let vite: ViteDevServer | undefined;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  browser = await launchBrowser();
});
afterAll(async () => {
  await vite?.close();
  await browser?.close();
  for (const server of servers) await server.stop();
  await fake?.close();
});

async function server(env: Record<string, string> = {}): Promise<RunningServer> {
  const started = await startServer(fake, env);
  servers.push(started);
  return started;
}

/** A page whose WebSockets the test can cut, as a flaky mobile network would. */
async function pageWithCuttableSockets(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.addInitScript(() => {
    const sockets: WebSocket[] = [];
    const Native = window.WebSocket;
    class Recorded extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    }
    window.WebSocket = Recorded;
    (window as unknown as { cutSockets: () => void }).cutSockets = () => {
      for (const socket of sockets) socket.close();
    };
  });
  return page;
}

/** Opens the chat and sends a question. */
async function openAndSend(page: Page, question: string): Promise<void> {
  await page.getByTestId('chat-toggle').click();
  await send(page, question);
}

describe('the chat when things go wrong', () => {
  it('resumes the answer where it was after the connection drops', async () => {
    const api = await server();
    fake.reset();
    fake.setDefault({ tokenDelayMs: 60 });
    const page = await pageWithCuttableSockets();
    await signIn(page, api.url);
    await openAndSend(page, 'Keep going even if my connection drops');
    await expect
      .poll(async () => ((await lastAnswer(page).textContent()) ?? '').length)
      .toBeGreaterThan(10);
    await page.evaluate(() => (window as unknown as { cutSockets: () => void }).cutSockets());
    await expect
      .poll(() => lastAnswer(page).getAttribute('data-streaming'), { timeout: 15_000 })
      .not.toBe('true');
    const text = (await lastAnswer(page).textContent()) ?? '';
    expect(text).toContain('light stretching');
    // Resumed, not restarted: the answer is there once, from one model call.
    expect(text.split('Keep today easy').length - 1).toBe(1);
    expect(fake.requests).toHaveLength(1);
    await page.context().close();
  });

  it('shows the daily-limit message once the limit is reached', async () => {
    const api = await server({ CHAT_DAILY_MESSAGE_LIMIT: '1' });
    fake.reset();
    const page = await (await browser.newContext()).newPage();
    await signIn(page, api.url);
    await openAndSend(page, 'First question');
    await expect.poll(() => lastAnswer(page).getAttribute('data-streaming')).not.toBe('true');
    await page.getByTestId('chat-input').fill('Second question');
    await page.getByTestId('chat-input').press('Enter');
    await expect.poll(() => page.getByTestId('chat-error').textContent()).toContain('daily limit');
    await screenshot(page, 'daily-limit');
    expect(fake.requests).toHaveLength(1);
    await page.context().close();
  });

  it('the development build in StrictMode makes one model call per send', async () => {
    const api = await server();
    vite = await createServer({
      root: WEB_ROOT,
      configFile: `${WEB_ROOT}/vite.config.ts`,
      logLevel: 'error',
      server: { port: 0, host: '127.0.0.1', proxy: { '/trpc': { target: api.url, ws: true } } },
    });
    await vite.listen();
    const devUrl = vite.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
    fake.reset();
    const page = await (await browser.newContext()).newPage();
    await signIn(page, devUrl);
    await openAndSend(page, 'One call only, please');
    await expect
      .poll(() => lastAnswer(page).getAttribute('data-streaming'), { timeout: 20_000 })
      .not.toBe('true');
    expect(await lastAnswer(page).textContent()).toContain('Keep today easy');
    expect(fake.requests).toHaveLength(1);
    await page.context().close();
  });
});
