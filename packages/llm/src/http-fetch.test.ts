import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAnthropic, startFakeAnthropic } from './fake-anthropic';
import { httpFetch } from './http-fetch';

let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

const TOKENS = ['Easy ', 'run ', 'today, ', 'then ', 'rest.'];

/** A streamed Messages request, as the SDK sends it: a JSON string body and a Headers object. */
function post(signal?: AbortSignal): Promise<Response> {
  return httpFetch(`${fake.url}/v1/messages`, {
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
    fake.script({ tokens: TOKENS });
    const response = await post();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('request-id')).toBe(fake.requests[0]?.id);
    const body = await response.text();
    expect(body).toContain('event: message_stop');
    expect(body.match(/"text_delta"/g)).toHaveLength(TOKENS.length);
    const received = fake.requests[0];
    expect(received?.body.messages[0]?.content).toBe('Should I run today? — 5 km’s fine?');
    expect(received?.headers['anthropic-version']).toBe('2023-06-01');
    // No accept-encoding: the answer comes uncompressed.
    expect(received?.headers['accept-encoding']).toBeUndefined();
    expect(received?.headers['transfer-encoding']).toBeUndefined();
    expect(Number(received?.headers['content-length'])).toBeGreaterThan(100);
  });

  it('keeps the connection for the next request', async () => {
    fake.script({ tokens: TOKENS }, { tokens: TOKENS });
    await (await post()).text();
    await (await post()).text();
    expect(fake.requests).toHaveLength(2);
  });

  it('returns an error status as a response, with the API’s JSON error body', async () => {
    fake.script({ status: 429, retryAfter: 0.01 });
    const response = await post();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('0.01');
    expect(await response.json()).toMatchObject({ error: { type: 'rate_limit_error' } });
  });

  it('a signal aborted before the call sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(post(controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.requests).toHaveLength(0);
  });

  it('aborting before the headers rejects with an AbortError and ends the request', async () => {
    fake.script({ noResponse: true });
    const controller = new AbortController();
    const response = post(controller.signal);
    await expect.poll(() => fake.requests.length).toBe(1);
    controller.abort();
    await expect(response).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => fake.requests[0]?.aborted).toBe(true);
  });

  it('aborting mid-body errors the body with an AbortError and ends the request', async () => {
    fake.script({ tokens: TOKENS, stallAfterTokens: 2 });
    const controller = new AbortController();
    const reader = await readDeltas(await post(controller.signal), 2);
    controller.abort();
    await expect(readToEnd(reader)).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => fake.requests[0]?.aborted).toBe(true);
  });

  it('a connection lost mid-body errors the body, not as an abort', async () => {
    fake.script({ tokens: TOKENS, cutAfterTokens: 2 });
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
      httpFetch(`${fake.url}/v1/messages`, { method: 'POST', body: new Uint8Array([1]) }),
    ).rejects.toThrow(/string bodies/);
  });
});
