import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeForThisFile } from './fake-for-this-file';
import { httpFetch } from './http-fetch';

const fake = fakeForThisFile();

const TOKENS = ['Easy ', 'run ', 'today, ', 'then ', 'rest.'];

/** A streamed Messages request, as the SDK sends it: a JSON string body and a Headers object. */
function post(signal?: AbortSignal, baseUrl = fake().url): Promise<Response> {
  return httpFetch(`${baseUrl}/v1/messages`, {
    method: 'POST',
    headers: new Headers({
      'content-type': 'application/json',
      'x-api-key': 'k',
      'anthropic-version': '2023-06-01',
    }),
    body: JSON.stringify({
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      stream: true,
      messages: [{ role: 'user', content: 'Should I run today? — 5 km’s fine?' }],
    }),
    signal,
  });
}

/** Reads the body until `count` text deltas have arrived; returns the reader, mid-body. */
async function readDeltas(response: Response, count: number) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while ((text.match(/"text_delta"/g) ?? []).length < count) {
    const { done, value } = await reader.read();
    if (done) throw new Error('the body ended early');
    text += decoder.decode(value, { stream: true });
  }
  return reader;
}

async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  for (;;) if ((await reader.read()).done) return;
}

describe('httpFetch against the fake Anthropic API (loopback)', () => {
  it('sends the string body whole with its length in bytes, and streams the answer', async () => {
    fake().script({ tokens: TOKENS });
    const response = await post();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('request-id')).toBe(fake().requests[0]?.id);
    const body = await response.text();
    expect(body).toContain('event: message_stop');
    expect(body.match(/"text_delta"/g)).toHaveLength(TOKENS.length);
    const received = fake().requests[0];
    expect(received?.body.messages[0]?.content).toBe('Should I run today? — 5 km’s fine?');
    expect(received?.headers['anthropic-version']).toBe('2023-06-01');
    // No accept-encoding: the answer comes uncompressed.
    expect(received?.headers['accept-encoding']).toBeUndefined();
    expect(received?.headers['transfer-encoding']).toBeUndefined();
    expect(Number(received?.headers['content-length'])).toBeGreaterThan(100);
  });

  it('keeps the connection for the next request', async () => {
    fake().script({ tokens: TOKENS }, { tokens: TOKENS });
    await (await post()).text();
    await (await post()).text();
    expect(fake().requests).toHaveLength(2);
  });

  it('returns an error status as a response, with the API’s JSON error body', async () => {
    fake().script({ status: 429, retryAfter: 0.01 });
    const response = await post();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('0.01');
    expect(await response.json()).toMatchObject({ error: { type: 'rate_limit_error' } });
  });

  it('a signal aborted before the call sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(post(controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake().requests).toHaveLength(0);
  });

  it('aborting before the headers rejects with an AbortError and ends the request', async () => {
    fake().script({ noResponse: true });
    const controller = new AbortController();
    const response = post(controller.signal);
    await expect.poll(() => fake().requests.length).toBe(1);
    controller.abort();
    await expect(response).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => fake().requests[0]?.aborted).toBe(true);
  });

  it('aborting mid-body errors the body with an AbortError and ends the request', async () => {
    fake().script({ tokens: TOKENS, stallAfterTokens: 2 });
    const controller = new AbortController();
    const reader = await readDeltas(await post(controller.signal), 2);
    controller.abort();
    await expect(readToEnd(reader)).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => fake().requests[0]?.aborted).toBe(true);
  });

  it('a connection lost mid-body errors the body, not as an abort', async () => {
    fake().script({ tokens: TOKENS, cutAfterTokens: 2 });
    const reader = await readDeltas(await post(), 2);
    const error = await readToEnd(reader).then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).not.toBe('AbortError');
  });

  it('takes string bodies only', async () => {
    await expect(
      httpFetch(`${fake().url}/v1/messages`, { method: 'POST', body: new Uint8Array([1]) }),
    ).rejects.toThrow(/string bodies/);
  });
});

describe('httpFetch over https (TLS in front of the fake, a self-signed certificate for 127.0.0.1)', () => {
  const sockets = new Set<Socket>();
  const tls = createTlsServer(
    {
      key: readFileSync(new URL('./test-fixtures/localhost-key.pem', import.meta.url)),
      cert: readFileSync(new URL('./test-fixtures/localhost-cert.pem', import.meta.url)),
    },
    (client) => {
      const upstream = connect(Number(new URL(fake().url).port), '127.0.0.1');
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    },
  );
  let httpsUrl = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    httpsUrl = `https://127.0.0.1:${(tls.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => tls.close(resolve));
  });

  it('checks the server’s certificate: one no authority signed is refused', async () => {
    await expect(post(undefined, httpsUrl)).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(fake().requests).toHaveLength(0);
  });

  it('streams the answer over TLS (certificate checks off for this test only)', async () => {
    fake().script({ tokens: TOKENS });
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const response = await post(undefined, httpsUrl);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect((text.match(/"text_delta"/g) ?? []).length).toBe(TOKENS.length);
      expect(fake().requests).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
    }
  });
});
