import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamAnswer } from './testing/chat-stream';
import { DEMO, startTestApp, type TestApp } from './testing/test-app';
import { codeOf, createClient, signIn } from './testing/trpc-client';

// GET /metrics over real HTTP: what it counts, and that only the token's bearer may read it.
const TOKEN = 'metrics-token-for-tests-0123456789';
const SECRET_WORDS = 'my-private-words-about-a-sore-achilles';
const SECRET_MEMORY = 'my-private-memory-of-a-stress-fracture';
let served: TestApp;
let unserved: TestApp;
const closers: (() => void)[] = [];

beforeAll(async () => {
  // Two apps in one process: each keeps its own registry.
  served = await startTestApp({ METRICS_TOKEN: TOKEN, CHAT_DAILY_MESSAGE_LIMIT: '1' });
  unserved = await startTestApp();
}, 120_000);
afterAll(async () => {
  for (const close of closers) close();
  await served?.close();
  await unserved?.close();
});

const scrape = (t: TestApp, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${t.baseUrl}/metrics`, { method, headers });

/** The value of one sample line (`name{labels} value`), or undefined. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('counts a real answer, its tokens, its first word and a refusal; the log line holds no text', async () => {
    const cookie = await signIn(served.baseUrl, DEMO.email, DEMO.password);
    const made = createClient(served.baseUrl, cookie);
    closers.push(made.close);
    await made.client.memory.add.mutate({ kind: 'injury', text: SECRET_MEMORY });
    const question = () => ({
      universe: 'general' as const,
      message: SECRET_WORDS,
      conversation: [],
      // saved, so storing the question and the answer is covered by the log check too
      conversationId: 'new' as const,
      requestId: randomUUID(),
    });
    expect((await streamAnswer(made.client, question())).at(-1)?.data.type).toBe('done');
    const refused = await streamAnswer(made.client, question()).catch((e: unknown) => e);
    expect(codeOf(refused)).toBe('TOO_MANY_REQUESTS');

    const response = await scrape(served, { authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(
      sample(text, 'coach_chat_answers_total{outcome="done",error_kind="",offline="false"}'),
    ).toBe(1);
    const usage = served.fake.requests[0]?.usage;
    expect(sample(text, 'coach_chat_tokens_total{kind="output"}')).toBe(usage?.output_tokens);
    expect(sample(text, 'coach_chat_tokens_total{kind="input"}')).toBe(usage?.input_tokens);
    expect(sample(text, 'coach_chat_tokens_total{kind="cache_read"}')).toBe(
      usage?.cache_read_input_tokens,
    );
    expect(sample(text, 'coach_chat_tokens_total{kind="cache_write"}')).toBe(
      usage?.cache_creation_input_tokens,
    );
    expect(sample(text, 'coach_chat_time_to_first_token_seconds_count{offline="false"}')).toBe(1);
    expect(sample(text, 'coach_chat_active_streams')).toBe(0);
    expect(sample(text, 'coach_chat_refusals_total{reason="daily_limit"}')).toBe(1);
    expect(sample(text, 'coach_chat_refusals_total{reason="stream_cap"}')).toBe(0);
    expect(text).not.toContain('process_cpu'); // this app's registry, not the global default

    const finished = served.logs.filter((l) => l.msg === 'chat answer finished');
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({
      level: 30,
      universe: 'general',
      outcome: 'done',
      offline: false,
      outputTokens: usage?.output_tokens,
      cacheReadTokens: usage?.cache_read_input_tokens,
      cacheWriteTokens: usage?.cache_creation_input_tokens,
    });
    expect(finished[0]).toHaveProperty('timeToFirstTokenMs');
    expect(finished[0]).toHaveProperty('durationMs');
    expect(served.logs.filter((l) => l.msg === 'chat message refused')).toMatchObject([
      { level: 30, reason: 'daily_limit' },
    ]);
    const everything = JSON.stringify(served.logs);
    expect(everything).not.toContain(SECRET_WORDS);
    // The memory reached the model, and still not the log.
    expect(JSON.stringify(served.fake.requests[0]?.body)).toContain(SECRET_MEMORY);
    expect(everything).not.toContain(SECRET_MEMORY);
    expect(everything).not.toContain(TOKEN);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer metrics-token-for-tests-0123456780' }],
    ['the token without Bearer', { authorization: TOKEN }],
    ['a cookie instead', { cookie: `session=${TOKEN}` }],
  ])('refuses %s with 401 and shows nothing', async (_, headers) => {
    const response = await scrape(served, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await response.text()).not.toContain('coach_chat');
  });

  it('is not there at all without METRICS_TOKEN, whatever is sent (404, not the web app)', async () => {
    const tries: Record<string, string>[] = [{}, { authorization: `Bearer ${TOKEN}` }];
    for (const headers of tries) {
      const response = await scrape(unserved, headers);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('coach_chat');
    }
    expect((await scrape(served, { authorization: `Bearer ${TOKEN}` }, 'POST')).status).toBe(404);
  });
});
