// Browser tests drive Debian's Chromium with playwright-core against the real server process,
// which talks to the fake Anthropic API over loopback: the whole product, with only the model faked.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeAnthropic, startFakeAnthropic } from '@coach/llm/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const SCREENSHOTS = join(REPO, 'apps/e2e/test-results/screenshots');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEMO = { email: 'demo@example.com', password: 'demo-password' };

export interface RunningServer {
  url: string;
  dataDir: string;
  process: ChildProcessWithoutNullStreams;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `apps/server` as `pnpm start` would (already built web app), on a free port and its own data. */
export async function startServer(
  fake: FakeAnthropic,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'coach-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(REPO, 'apps/server'),
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: '0',
      DATA_DIR: dataDir,
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: fake.url,
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 60_000;
  let port: number | undefined;
  while (port === undefined) {
    const match = /"port":(\d+)[^\n]*listening/.exec(output);
    if (match) port = Number(match[1]);
    else if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`server did not start:\n${output}`);
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a screenshot as a test artefact: the visible viewport, or the whole page. */
export async function screenshot(
  page: Page,
  name: string,
  { fullPage = false } = {},
): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

export async function signIn(page: Page, baseUrl: string, login = DEMO): Promise<void> {
  await page.goto(baseUrl);
  await page.getByTestId('signin-email').fill(login.email);
  await page.getByTestId('signin-password').fill(login.password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('current-metrics').waitFor();
}

export { type FakeAnthropic, startFakeAnthropic };

/** The newest answer in the chat: an assistant message that is not the universe's intro. */
export function lastAnswer(page: Page) {
  return page
    .locator('[data-testid="chat-message"][data-role="assistant"]:not([data-intro])')
    .last();
}

/** Types a question into the open chat and sends it. */
export async function send(page: Page, question: string): Promise<void> {
  await page.getByTestId('chat-input').fill(question);
  await page.getByTestId('chat-input').press('Enter');
}

/** Sends a question and waits until its answer has finished streaming. */
export async function ask(page: Page, question: string): Promise<void> {
  await send(page, question);
  await expect
    .poll(() => lastAnswer(page).getAttribute('data-streaming'), { timeout: 15_000 })
    .not.toBe('true');
}

/** The product under test for one test file: the fake model, a server and a browser. */
export interface ProductUnderTest {
  fake: FakeAnthropic;
  server: RunningServer;
  browser: Browser;
}

/** Starts the fake model, a server and a browser before the file's tests and stops them after. */
export function productForFile(): ProductUnderTest {
  const product: Partial<ProductUnderTest> = {};
  beforeAll(async () => {
    product.fake = await startFakeAnthropic();
    product.server = await startServer(product.fake);
    product.browser = await launchBrowser();
  });
  afterAll(async () => {
    await product.browser?.close();
    await product.server?.stop();
    await product.fake?.close();
  });
  return product as ProductUnderTest;
}
