import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type StartOptions, startTestApp, type TestApp } from './test-app';
import { createClient } from './trpc-client';

/**
 * One test app for a whole test file: started before its tests, closed after them with every
 * client it made, and its fake model's log cleared before each test.
 */
export function testAppForFile(...start: StartOptions) {
  const clients: { close(): void }[] = [];
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(...start);
  }, 120_000);
  afterAll(async () => {
    for (const made of clients) made.close();
    await started?.close();
  });
  beforeEach(() => started?.fake.reset());
  return {
    get app(): TestApp {
      if (!started) throw new Error('the test app starts before the tests');
      return started;
    },
    /** A tRPC client of the app (signed in with `cookie`, if given), closed with it. */
    client(cookie?: string) {
      const made = createClient(this.app.baseUrl, cookie);
      clients.push(made);
      return made.client;
    },
  };
}
