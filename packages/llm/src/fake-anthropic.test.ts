import { once } from 'node:events';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FAKE_TEXT, splitIntoTokens, startFakeAnthropic } from './fake-anthropic';
import { fakeForThisFile } from './fake-for-this-file';
import { estimateTokens } from './token-estimate';

const fake = fakeForThisFile();

const HEADERS = {
  'content-type': 'application/json',
  'x-api-key': 'sk-ant-raw-test',
  'anthropic-version': '2023-06-01',
};

function post(body: unknown, headers: Record<string, string> = HEADERS): Promise<Response> {
  return fetch(`${fake().url}/v1/messages`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const valid = {
  model: 'claude-haiku-4-5',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'How far should I run?' }],
};

function parseSse(raw: string): Array<{ event: string; data: Record<string, unknown> }> {
  return raw
    .split('\n\n')
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => {
      const lines = chunk.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? '';
      const data = JSON.parse(lines.find((l) => l.startsWith('data: '))?.slice(6) ?? '{}');
      return { event, data };
    });
}

describe('fake Anthropic server', () => {
  it('streams the documented SSE sequence', async () => {
    const response = await post({ ...valid, stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('request-id')).toMatch(/^req_fake_/);
    const events = parseSse(await response.text());
    const tokens = splitIntoTokens(DEFAULT_FAKE_TEXT);
    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...tokens.map(() => 'content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const e of events) expect(e.data.type).toBe(e.event);
    expect(events[0]?.data.message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5',
      content: [],
      stop_reason: null,
      usage: {
        input_tokens: estimateTokens('How far should I run?'),
        output_tokens: 1,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
    const deltas = events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => (e.data.delta as { text: string }).text);
    expect(deltas.join('')).toBe(DEFAULT_FAKE_TEXT);
    expect(events.at(-2)?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: tokens.length },
    });
    expect(fake().requests[0]).toMatchObject({
      stream: true,
      status: 200,
      completed: true,
      aborted: false,
      deltasSent: tokens.length,
    });
    expect(fake().requests[0]?.headers['x-api-key']).toBe('[redacted]');
  });

  it('answers non-streaming requests with one JSON message (through the SDK)', async () => {
    fake().script({ text: 'Run easy.' });
    const client = new Anthropic({ apiKey: 'sk-test', baseURL: fake().url, maxRetries: 0 });
    const message = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'Today?' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Run easy.', citations: null }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBe(2);
    expect(fake().requests[0]?.stream).toBe(false);
  });

  it.each([
    ['first message from the assistant', { messages: [{ role: 'assistant', content: 'Hi' }] }],
    [
      'roles that do not alternate',
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'user', content: 'b' },
        ],
      },
    ],
    ['no messages', { messages: [] }],
    ['an empty message', { messages: [{ role: 'user', content: '' }] }],
    ['an unknown role', { messages: [{ role: 'system', content: 'x' }] }],
    ['no max_tokens', { max_tokens: undefined }],
    ['no model', { model: '' }],
    ['a temperature above 1', { temperature: 1.5 }],
    [
      'a bad cache_control',
      { system: [{ type: 'text', text: 'S', cache_control: { type: 'forever' } }] },
    ],
  ])('rejects %s with 400 invalid_request_error', async (_name, patch) => {
    const response = await post({ ...valid, stream: true, ...patch });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { type: string; error: { type: string } };
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('invalid_request_error');
  });

  it('rejects invalid JSON, a missing key (401) and unknown paths (404)', async () => {
    expect((await post('{nope')).status).toBe(400);
    const { 'x-api-key': _key, ...noKey } = HEADERS;
    const unauthorized = await post(valid, noKey);
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toMatchObject({
      error: { type: 'authentication_error' },
    });
    const notFound = await fetch(`${fake().url}/v1/complete`, { method: 'POST', headers: HEADERS });
    expect(notFound.status).toBe(404);
  });

  it('closes the kept-alive connections that carry no request when asked', async () => {
    const agent = new Agent({ keepAlive: true });
    const send = () =>
      new Promise<Socket>((resolve, reject) => {
        const sent = request(`${fake().url}/v1/messages`, {
          method: 'POST',
          headers: HEADERS,
          agent,
        });
        sent.on('error', reject);
        sent.on('response', (response) => {
          response.resume();
          response.on('end', () => resolve(sent.socket as Socket));
        });
        sent.end(JSON.stringify(valid));
      });
    const first = await send();
    expect(await send()).toBe(first); // kept alive and reused
    const closed = once(first, 'close');
    fake().closeIdleConnections();
    await closed;
    expect(await send()).not.toBe(first);
    agent.destroy();
  });

  it('scripted errors use the real error bodies; 429 carries retry-after', async () => {
    fake().script({ status: 429 }, { status: 529 }, { status: 500, retryAfter: 0.5 });
    const limited = await post(valid);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error' },
    });
    const overloaded = await post(valid);
    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toMatchObject({ error: { type: 'overloaded_error' } });
    const failed = await post(valid);
    expect(failed.status).toBe(500);
    expect(failed.headers.get('retry-after')).toBe('0.5');
    expect(await failed.json()).toMatchObject({ error: { type: 'api_error' } });
    // The queue is used up: the default reply again.
    expect((await post(valid)).status).toBe(200);
  });

  it('sends an SSE error event after N deltas', async () => {
    fake().script({ text: 'one two three four', errorAfterTokens: 2 });
    const events = parseSse(await (await post({ ...valid, stream: true })).text());
    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'error',
    ]);
    expect(events.at(-1)?.data).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });

  it('replies from a function see the recorded request; setDefault and counts', async () => {
    fake().setDefault((req) => ({ text: `you said ${req.body.messages.length} message(s)` }));
    const json = (await (await post(valid)).json()) as { content: Array<{ text: string }> };
    expect(json.content[0]?.text).toBe('you said 1 message(s)');
    expect(fake().counts()).toEqual({ requests: 1, open: 0, completed: 1, aborted: 0 });
  });

  it('a stalled stream stays open until the client goes away, and records the disconnect', async () => {
    fake().script({ text: 'one two three', stallAfterTokens: 1 });
    const response = await post({ ...valid, stream: true });
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toContain('message_start');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake().counts().open).toBe(1);
    expect(fake().requests[0]).toMatchObject({ closed: false, deltasSent: 1 });
    await reader?.cancel();
    await fake().waitForIdle();
    expect(fake().counts()).toMatchObject({ open: 0, aborted: 1 });
    expect(fake().requests[0]).toMatchObject({ closed: true, aborted: true, completed: false });
  });

  it('tokenIntervalMs keeps an absolute schedule: never early, and a stall does not push the rest back', async () => {
    const interval = 50;
    const count = 11; // the last delta is due 500 ms after the stream starts
    const stallMs = 300;
    fake().script({
      tokens: Array.from({ length: count }, (_, i) => ` t${i}`),
      tokenIntervalMs: interval,
    });
    const response = await post({ ...valid, stream: true });
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    const decoder = new TextDecoder();
    const arrivals: number[] = [];
    let buffer = '';
    let blocked = false;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const now = performance.timeOrigin + performance.now();
      buffer += decoder.decode(value, { stream: true });
      const complete = buffer.split('\n\n');
      buffer = complete.pop() ?? '';
      for (const event of complete) if (event.includes('text_delta')) arrivals.push(now);
      if (arrivals.length >= 2 && !blocked) {
        // Block this process (the fake's too) past the due times of deltas 2 to 7.
        blocked = true;
        const until = performance.now() + stallMs;
        while (performance.now() < until) {}
      }
    }
    const start = fake().requests[0]?.streamStartedAt;
    if (start == null) throw new Error('no streamStartedAt');
    expect(arrivals).toHaveLength(count);
    arrivals.forEach((arrival, i) => {
      expect(arrival).toBeGreaterThanOrEqual(start + i * interval - 1);
    });
    // Relative delays would end ≥ 10 × 50 + 300 = 800 ms after the start; the schedule, at 500.
    // The bound sits halfway, so a loaded machine's scheduling delays do not decide the result.
    expect(arrivals.at(-1)).toBeLessThan(start + (count - 1) * interval + stallMs / 2);
  });

  describe('prompt cache simulation', () => {
    // Past Haiku 4.5's 4,096-token minimum, so the default minimum lets it cache.
    const systemTokens = 5000;
    const system = 'S'.repeat(4 * systemTokens);
    const cached = (text: string) => ({
      type: 'text',
      text,
      cache_control: { type: 'ephemeral' },
    });

    async function usageOf(body: unknown) {
      const json = (await (await post(body)).json()) as { usage: Record<string, number> };
      return json.usage;
    }

    it('no cache_control → both cache counters 0', async () => {
      expect(await usageOf({ ...valid, system })).toMatchObject({
        input_tokens: systemTokens + estimateTokens('How far should I run?'),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      });
    });

    it('first request with a system text writes, the next reads', async () => {
      const body = { ...valid, system: [cached(system)] };
      const question = estimateTokens('How far should I run?');
      expect(await usageOf(body)).toMatchObject({
        input_tokens: question,
        cache_creation_input_tokens: systemTokens,
        cache_read_input_tokens: 0,
      });
      expect(await usageOf(body)).toMatchObject({
        input_tokens: question,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: systemTokens,
      });
      // Another model has its own cache.
      expect(await usageOf({ ...body, model: 'claude-sonnet-4-5' })).toMatchObject({
        cache_creation_input_tokens: systemTokens,
      });
      fake().reset();
      expect(await usageOf(body)).toMatchObject({ cache_creation_input_tokens: systemTokens });
    });

    it('a top-level cache_control caches up to the last block', async () => {
      const body = { ...valid, system, cache_control: { type: 'ephemeral' } };
      const all = systemTokens + estimateTokens('How far should I run?');
      expect(await usageOf(body)).toMatchObject({
        input_tokens: 0,
        cache_creation_input_tokens: all,
      });
      expect(await usageOf(body)).toMatchObject({ input_tokens: 0, cache_read_input_tokens: all });
    });

    it("prefixes below the model's minimum are not cached, silently", async () => {
      const short = 'S'.repeat(4 * 2000); // 2,000 tokens: under Haiku 4.5's 4,096, over Sonnet's 1,024
      const question = estimateTokens('How far should I run?');
      const body = { ...valid, system: [cached(short)] };
      for (let i = 0; i < 2; i++) {
        expect(await usageOf(body)).toMatchObject({
          input_tokens: 2000 + question,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        });
      }
      expect(await usageOf({ ...body, model: 'claude-sonnet-4-5' })).toMatchObject({
        input_tokens: question,
        cache_creation_input_tokens: 2000,
      });
    });

    it('the minCacheableTokens option overrides the model minimum', async () => {
      const strict = await startFakeAnthropic({ minCacheableTokens: 8192 });
      try {
        const response = await fetch(`${strict.url}/v1/messages`, {
          method: 'POST',
          headers: HEADERS,
          body: JSON.stringify({ ...valid, system: [cached(system)] }),
        });
        const json = (await response.json()) as { usage: Record<string, number> };
        expect(json.usage).toMatchObject({
          input_tokens: systemTokens + estimateTokens('How far should I run?'),
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        });
      } finally {
        await strict.close();
      }
    });

    it('more than 4 breakpoints → 400', async () => {
      const response = await post({
        ...valid,
        system: [cached('a'), cached('b'), cached('c'), cached('d'), cached('e')],
      });
      expect(response.status).toBe(400);
    });
  });
});
