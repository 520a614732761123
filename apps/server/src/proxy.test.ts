import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestApp, type TestApp } from './testing/test-app';

let behindProxy: TestApp;
let direct: TestApp;
beforeAll(async () => {
  behindProxy = await startTestApp({ TRUST_PROXY: 'true' });
  direct = await startTestApp();
}, 120_000);
afterAll(async () => {
  await behindProxy?.close();
  await direct?.close();
});

function login(
  baseUrl: string,
  email: string,
  headers: Record<string, string> = {},
  password = 'not-the-password',
) {
  return fetch(`${baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

/** The session cookie a successful sign-in sets. */
async function sessionCookieOf(baseUrl: string, headers: Record<string, string>): Promise<string> {
  const response = await login(baseUrl, DEMO.email, headers, DEMO.password);
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie') ?? '';
}

describe('the session cookie', () => {
  it('is Secure when the trusted proxy says the client came over HTTPS', async () => {
    const headers = { 'x-forwarded-proto': 'https' };
    expect(await sessionCookieOf(behindProxy.baseUrl, headers)).toMatch(/;\s*Secure/i);
  });

  it('is not Secure over plain HTTP', async () => {
    const headers = { 'x-forwarded-proto': 'http' };
    expect(await sessionCookieOf(behindProxy.baseUrl, headers)).not.toMatch(/Secure/i);
    expect(await sessionCookieOf(direct.baseUrl, {})).not.toMatch(/Secure/i);
  });

  it('ignores X-Forwarded-Proto when no proxy is trusted', async () => {
    const headers = { 'x-forwarded-proto': 'https' };
    expect(await sessionCookieOf(direct.baseUrl, headers)).not.toMatch(/Secure/i);
  });
});

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
