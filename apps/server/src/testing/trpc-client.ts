import type { AppRouter } from '@coach/api';
import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  TRPCClientError,
  wsLink,
} from '@trpc/client';
import WebSocket from 'ws';

/** Signs in over HTTP as a browser would and returns the session cookie. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = response.headers.get('set-cookie');
  if (!response.ok || !cookie)
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return cookie.split(';')[0] ?? '';
}

/** Signs a new athlete up over HTTP as a browser would and returns the session cookie. */
export async function signUp(
  baseUrl: string,
  email: string,
  password = 'a-long-password',
): Promise<string> {
  const response = await fetch(`${baseUrl}/trpc/auth.signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, displayName: 'Runner' }),
  });
  const cookie = response.headers.get('set-cookie');
  if (!response.ok || !cookie)
    throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  return cookie.split(';')[0] ?? '';
}

/** A real tRPC client: queries and mutations over HTTP, subscriptions over a WebSocket. */
export function createClient(baseUrl: string, cookie?: string) {
  const headers = cookie ? { cookie } : undefined;
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const wsClient = createWSClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/trpc`,
    WebSocket: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => 50,
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: `${baseUrl}/trpc`, headers: () => headers ?? {} }),
      }),
    ],
  });
  return { client, wsClient, close: () => wsClient.close() };
}

/** The tRPC error code a call failed with. */
export function codeOf(error: unknown): string | undefined {
  return error instanceof TRPCClientError
    ? (error.data as { code?: string } | undefined)?.code
    : undefined;
}

/** The tRPC error code of a call that must fail; a call that succeeds fails the test. */
export async function failureCode(call: Promise<unknown>): Promise<string | undefined> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail, and it succeeded');
    },
    (e: unknown) => e,
  );
  return codeOf(error);
}
