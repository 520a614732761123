import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './testing/test-app';
import { codeOf, createClient, signIn } from './testing/trpc-client';

let running: TestApp;
let cookie: string;
beforeAll(async () => {
  running = await startTestApp();
  cookie = await signIn(running.baseUrl, DEMO.email, DEMO.password);
  await running.database.close(); // the outage
}, 120_000);
afterAll(async () => {
  await running?.app.close();
  await running?.fake.close();
});

function call(path: string): Promise<Response> {
  return fetch(`${running.baseUrl}/trpc/${path}`, { headers: { cookie } });
}

describe('while the database is down', () => {
  it('a signed-in athlete gets a server error, not “signed out”, and keeps the cookie', async () => {
    for (const path of ['auth.me', 'chat.usage']) {
      const response = await call(path);
      expect(response.status).toBe(503);
      expect(response.headers.get('set-cookie')).toBeNull();
      const body = (await response.json()) as {
        error: { message: string; data: { code: string } };
      };
      expect(body.error.data.code).toBe('INTERNAL_SERVER_ERROR');
      expect(body.error.message).not.toMatch(/prisma|pglite|closed/i);
    }
  });

  it('a WebSocket subscription fails with INTERNAL_SERVER_ERROR, not UNAUTHORIZED', async () => {
    const made = createClient(running.baseUrl, cookie);
    const error = await new Promise<unknown>((resolve) => {
      made.client.chat.stream.subscribe(
        { universe: 'general', message: 'Hi', conversation: [] },
        { onError: resolve, onData: () => resolve(new Error('unexpected data')) },
      );
    });
    made.close();
    expect(codeOf(error)).toBe('INTERNAL_SERVER_ERROR');
  });
});
