import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './testing/app';

let behindProxy: TestApp;
beforeAll(async () => {
  behindProxy = await startTestApp({ TRUST_PROXY: 'true' });
}, 120_000);
afterAll(() => behindProxy?.close());

function login(baseUrl: string, email: string, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password: 'not-the-password' }),
  });
}

describe('behind a trusted proxy', () => {
  it('throttles failed sign-ins by the address the proxy saw, whatever the client forwards', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 30; attempt++) {
      const response = await login(behindProxy.baseUrl, `nobody-${attempt}@example.com`, {
        // the client makes up a first hop each time; the proxy appends the real address
        'x-forwarded-for': `10.66.${attempt}.1, 198.51.100.7`,
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
  }, 60_000);
});
