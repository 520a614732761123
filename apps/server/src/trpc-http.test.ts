import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './testing/raw-http';
import { DEMO, startTestApp, type TestApp } from './testing/test-app';
import { signIn } from './testing/trpc-client';

const MAX_BODY = 1024 * 1024;

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t.close());

const healthz = async () => (await fetch(`${t.baseUrl}/healthz`)).status;

/** Whether the session behind `cookie` is still signed in. */
async function signedIn(cookie: string): Promise<boolean> {
  const response = await fetch(`${t.baseUrl}/trpc/auth.me`, { headers: { cookie } });
  return ((await response.json()) as { result: { data: unknown } }).result.data !== null;
}

function post(path: string, body: string, headers: Record<string, string>) {
  return fetch(`${t.baseUrl}/trpc/${path}`, { method: 'POST', body, headers });
}

/** The error message of a tRPC error answer. */
async function messageOf(response: Response): Promise<string> {
  const body = (await response.json()) as { error: { message: string } };
  return body.error.message;
}

describe('request bodies over HTTP_MAX_BODY_BYTES', () => {
  it('a declared Content-Length over the limit gets 413 before the body is sent', async () => {
    const head = [
      'POST /trpc/auth.login HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      `Content-Length: ${100 * MAX_BODY}`,
      '',
      '{"email":"',
    ].join('\r\n');
    expect(await rawRequest(t.port, head)).toBe(413);
    expect(await healthz()).toBe(200);
  });

  it('a chunked body gets 413 once it passes the limit', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        if (sent > 4 * MAX_BODY) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${t.baseUrl}/trpc/auth.login`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await healthz()).toBe(200);
  });
});

describe('batches over HTTP_MAX_BATCH_SIZE', () => {
  const batch = (size: number) =>
    fetch(`${t.baseUrl}/trpc/${Array(size).fill('auth.me').join(',')}?batch=1`);

  it('are refused with 400 and a clear message; a batch at the limit is served', async () => {
    const tooMany = await batch(21);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(await tooMany.json())).toMatch(/Batch call exceeds maximum size/);
    expect((await batch(20)).status).toBe(200);
  });
});

describe('the chat stream over HTTP', () => {
  it('is refused with 405 even with a session, and no model is called', async () => {
    const cookie = await signIn(t.baseUrl, DEMO.email, DEMO.password);
    const input = encodeURIComponent(
      JSON.stringify({ universe: 'general', message: 'Hi', conversation: [] }),
    );
    for (const path of [`chat.stream?input=${input}`, `auth.me,chat.stream?batch=1`]) {
      const response = await fetch(`${t.baseUrl}/trpc/${path}`, { headers: { cookie } });
      expect(response.status).toBe(405);
      expect(await messageOf(response)).toMatch(/WebSocket only/);
    }
    expect(t.fake.requests).toHaveLength(0);
  });
});

describe('mutations from another site', () => {
  it('are refused when the Origin is another site, or another port of this host', async () => {
    const cookie = await signIn(t.baseUrl, DEMO.email, DEMO.password);
    const otherPort = `http://127.0.0.1:${t.port + 1}`;
    for (const origin of ['https://evil.example', otherPort, 'null']) {
      const response = await post('auth.logout', '{}', {
        cookie,
        origin,
        'content-type': 'application/json',
      });
      expect(response.status).toBe(403);
    }
    expect(await signedIn(cookie)).toBe(true);
  });

  it('are refused in the content types an HTML form can send', async () => {
    const cookie = await signIn(t.baseUrl, DEMO.email, DEMO.password);
    const form = new FormData();
    form.set('x', '1');
    const multipart = await fetch(`${t.baseUrl}/trpc/auth.logout`, {
      method: 'POST',
      body: form,
      headers: { cookie },
    });
    expect(multipart.status).toBe(415);
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      expect((await post('auth.logout', 'x=1', { cookie, 'content-type': type })).status).toBe(415);
    }
    expect(await signedIn(cookie)).toBe(true);
  });

  it('pass from our own pages, and from clients that send no Origin', async () => {
    for (const origin of [t.baseUrl, undefined]) {
      const cookie = await signIn(t.baseUrl, DEMO.email, DEMO.password);
      const headers = { cookie, 'content-type': 'application/json', ...(origin && { origin }) };
      expect((await post('auth.logout', '{}', headers)).status).toBe(200);
      expect(await signedIn(cookie)).toBe(false);
    }
  });
});

describe('malformed input', () => {
  it('gets 400 with a clear message, logged below error level', async () => {
    const cookie = await signIn(t.baseUrl, DEMO.email, DEMO.password);
    const json = { cookie, 'content-type': 'application/json' };
    const cases: [string, Promise<Response>, RegExp][] = [
      ['malformed JSON body', post('journal.upsert', '{"notes":', json), /JSON/],
      ['empty body', post('journal.upsert', '', json), /.+/],
      [
        'NUL in a text field',
        post('journal.upsert', JSON.stringify({ notes: 'a\u0000b' }), json),
        /NUL/,
      ],
      [
        'NUL in a key',
        post('settings.update', JSON.stringify({ 'displayName\u0000': 'x' }), json),
        /NUL/,
      ],
      [
        'NUL in a sign-in',
        post('auth.login', JSON.stringify({ email: DEMO.email, password: 'p\u0000' }), json),
        /NUL/,
      ],
      [
        'malformed ?input=',
        fetch(`${t.baseUrl}/trpc/chat.intro?input=%7B%22universe`, { headers: { cookie } }),
        /JSON/,
      ],
      ['bad percent-escape in the path', fetch(`${t.baseUrl}/trpc/%E0%A4%A`), /Malformed URL/],
    ];
    const errorsBefore = t.logs.filter((line) => line.level >= 50).length;
    for (const [name, request, message] of cases) {
      const response = await request;
      expect(response.status, name).toBe(400);
      expect(await messageOf(response), name).toMatch(message);
    }
    expect(t.logs.filter((line) => line.level >= 50)).toHaveLength(errorsBefore);
    expect(await signedIn(cookie)).toBe(true);
  });
});
