import { describe, expect, it } from 'vitest';
import {
  type AnthropicModelOptions,
  cacheBreakpoints,
  createAnthropicModel,
  type ModelLogger,
  toAnthropicParams,
} from './anthropic';
import { splitIntoTokens, startFakeAnthropic } from './fake-anthropic';
import { fakeForThisFile } from './fake-for-this-file';
import {
  billedInputTokens,
  type ChatModel,
  ModelError,
  type ModelEvent,
  type ModelRequest,
  type ModelUsage,
  NO_USAGE,
} from './model';
import { estimateTokens } from './token-estimate';

const API_KEY = 'sk-ant-test-key-do-not-log';
// Past Haiku 4.5's 4,096-token cache minimum (the fake bills like the API), so it is cached.
const SYSTEM = `You are a running coach. Ground every answer in the athlete data below.\n${'Reference line about easy running and load. '.repeat(400)}`;
const QUESTION = 'Should I run intervals today?';
const ANSWER = 'Not today: your acute load is high, so keep it easy and run 30 minutes.';

const fake = fakeForThisFile();

interface LogLine {
  level: 'warn' | 'error';
  obj: object;
  msg: string;
}

function recordingLogger(): ModelLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
}

function model(options: Partial<AnthropicModelOptions> = {}): ChatModel {
  return createAnthropicModel({
    apiKey: API_KEY,
    baseURL: fake().url,
    model: 'claude-haiku-4-5',
    maxRetries: 0,
    ...options,
  });
}

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    system: [SYSTEM],
    messages: [{ role: 'user', content: QUESTION }],
    maxTokens: 512,
    temperature: 0.7,
    ...overrides,
  };
}

interface Outcome {
  events: ModelEvent[];
  text: string;
  error: ModelError | null;
}

async function run(
  chat: ChatModel,
  req: ModelRequest,
  onText?: (text: string) => void,
): Promise<Outcome> {
  const events: ModelEvent[] = [];
  let error: ModelError | null = null;
  try {
    for await (const event of chat.stream(req)) {
      events.push(event);
      if (event.type === 'text') onText?.(event.text);
    }
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    error = e;
  }
  const text = events.map((e) => (e.type === 'text' ? e.text : '')).join('');
  return { events, text, error };
}

function doneUsage(outcome: Outcome): ModelUsage {
  const last = outcome.events.at(-1);
  if (last?.type !== 'done') throw new Error('no done event');
  return last.usage;
}

describe('createAnthropicModel against the fake Anthropic API (real SDK, loopback)', () => {
  it('streams text events in order, then one done with usage including the cache fields', async () => {
    fake().script({ text: ANSWER });
    const outcome = await run(model(), request());

    expect(outcome.error).toBeNull();
    const texts = outcome.events.filter((e) => e.type === 'text').map((e) => e.text);
    expect(texts).toEqual(splitIntoTokens(ANSWER));
    expect(outcome.text).toBe(ANSWER);
    expect(outcome.events.filter((e) => e.type === 'done')).toHaveLength(1);
    expect(outcome.events.at(-1)).toEqual({
      type: 'done',
      stopReason: 'end_turn',
      usage: {
        inputTokens: 0,
        outputTokens: texts.length,
        cacheReadInputTokens: 0,
        cacheCreationInputTokens: estimateTokens(SYSTEM) + estimateTokens(QUESTION),
      },
    });
  });

  it('sends the system prompt and the last turn with cache breakpoints, so turn 2 reads turn 1', async () => {
    const chat = model();
    const first = await run(chat, request());
    const secondRequest = request({
      messages: [
        { role: 'user', content: QUESTION },
        { role: 'assistant', content: first.text },
        { role: 'user', content: 'And tomorrow?' },
      ],
    });
    const second = await run(chat, secondRequest);

    expect(fake().requests).toHaveLength(2);
    const body = fake().requests[1]?.body;
    expect(body?.model).toBe('claude-haiku-4-5');
    expect(body?.max_tokens).toBe(512);
    expect(body?.temperature).toBe(0.7);
    expect(body?.stream).toBe(true);
    expect(body?.system).toEqual([
      { type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } },
    ]);
    expect(body?.messages).toEqual([
      { role: 'user', content: QUESTION },
      { role: 'assistant', content: first.text },
      {
        role: 'user',
        content: [{ type: 'text', text: 'And tomorrow?', cache_control: { type: 'ephemeral' } }],
      },
    ]);
    // SDK 1.x sends the key as `Authorization: Bearer …`; the fake redacts it either way.
    expect(fake().requests[1]?.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(fake().requests)).not.toContain(API_KEY);

    // Turn 2 reads the prefix that turn 1 wrote (system + first question) and writes the rest.
    const usage = doneUsage(second);
    expect(usage.cacheReadInputTokens).toBe(estimateTokens(SYSTEM) + estimateTokens(QUESTION));
    expect(usage.cacheCreationInputTokens).toBe(
      estimateTokens(first.text) + estimateTokens('And tomorrow?'),
    );
    expect(billedInputTokens(usage)).toBe(
      [SYSTEM, QUESTION, first.text, 'And tomorrow?'].reduce((n, t) => n + estimateTokens(t), 0),
    );
  });

  it('429: the SDK retries maxRetries times, then rate_limited with a friendly message', async () => {
    const logger = recordingLogger();
    fake().setDefault({ status: 429, retryAfter: 0.01 });
    const outcome = await run(model({ maxRetries: 2, logger }), request());

    expect(fake().requests).toHaveLength(3);
    expect(outcome.events).toEqual([]);
    expect(outcome.error?.kind).toBe('rate_limited');
    expect(outcome.error?.userMessage).toBe(
      'The coach is getting a lot of questions right now. Please try again in a minute.',
    );
    expect(outcome.error?.usage).toEqual(NO_USAGE);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]?.obj).toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      requestId: fake().requests[2]?.id,
    });
  });

  it('529 overloaded (after a retry) → overloaded', async () => {
    fake().setDefault({ status: 529, retryAfter: 0.01 });
    const outcome = await run(model({ maxRetries: 1 }), request());
    expect(fake().requests).toHaveLength(2);
    expect(outcome.error?.kind).toBe('overloaded');
    expect(outcome.error?.userMessage).toBe(
      'The AI coach is overloaded right now. Please try again shortly.',
    );
  });

  it('a retried 500 that then succeeds streams normally', async () => {
    fake().script({ status: 500, retryAfter: 0.01 }, { text: ANSWER });
    const outcome = await run(model({ maxRetries: 1 }), request());
    expect(fake().requests.map((r) => r.status)).toEqual([500, 200]);
    expect(outcome.error).toBeNull();
    expect(outcome.text).toBe(ANSWER);
  });

  it('500 → unavailable', async () => {
    fake().setDefault({ status: 500 });
    const outcome = await run(model(), request());
    expect(outcome.error?.kind).toBe('unavailable');
    expect(outcome.error?.userMessage).toBe('AI service temporarily unavailable.');
  });

  it('401 → configuration, not retried, logged as an error without the key or the message', async () => {
    const logger = recordingLogger();
    fake().setDefault({ status: 401 });
    const outcome = await run(model({ maxRetries: 2, logger }), request());
    expect(fake().requests).toHaveLength(1);
    expect(outcome.error?.kind).toBe('configuration');
    expect(outcome.error?.userMessage).toBe(
      'The AI coach is not configured correctly. Please try again later.',
    );
    expect(logger.lines.map((l) => l.level)).toEqual(['error']);
    const logged = JSON.stringify(logger.lines);
    expect(logged).not.toContain(API_KEY);
    expect(logged).not.toContain(QUESTION);
    expect(logged).not.toContain(SYSTEM);
  });

  it('a request the API rejects (400) → configuration', async () => {
    // The fake validates like the real API: a conversation must start with the user.
    const outcome = await run(
      model(),
      request({
        messages: [
          { role: 'assistant', content: 'Hello!' },
          { role: 'user', content: QUESTION },
        ],
      }),
    );
    expect(fake().requests[0]?.status).toBe(400);
    expect(outcome.error?.kind).toBe('configuration');
  });

  it('SSE error event mid-stream → overloaded, not retried, with the text before it and the billed usage', async () => {
    fake().script({ text: ANSWER, errorAfterTokens: 3 });
    const outcome = await run(model({ maxRetries: 2 }), request());

    expect(fake().requests).toHaveLength(1);
    expect(outcome.text).toBe(splitIntoTokens(ANSWER).slice(0, 3).join(''));
    expect(outcome.events.every((e) => e.type === 'text')).toBe(true);
    expect(outcome.error?.kind).toBe('overloaded');
    const usage = outcome.error?.usage ?? NO_USAGE;
    expect(billedInputTokens(usage)).toBe(estimateTokens(SYSTEM) + estimateTokens(QUESTION));
    expect(usage.cacheCreationInputTokens).toBeGreaterThan(0);
    expect(usage.outputTokens).toBe(Math.ceil(outcome.text.length / 4));
  });

  it('a connection lost mid-stream → unavailable, not retried, with the text before it and the usage', async () => {
    fake().script({ text: ANSWER, cutAfterTokens: 3 });
    const outcome = await run(model({ maxRetries: 2 }), request());

    expect(fake().requests).toHaveLength(1);
    expect(outcome.text).toBe(splitIntoTokens(ANSWER).slice(0, 3).join(''));
    expect(outcome.events.every((e) => e.type === 'text')).toBe(true);
    expect(outcome.error?.kind).toBe('unavailable');
    const usage = outcome.error?.usage ?? NO_USAGE;
    expect(billedInputTokens(usage)).toBe(estimateTokens(SYSTEM) + estimateTokens(QUESTION));
    expect(usage.outputTokens).toBe(Math.ceil(outcome.text.length / 4));
  });

  it('a stalled stream → timeout within stallTimeoutMs, and the request is ended upstream', async () => {
    fake().script({ text: ANSWER, stallAfterTokens: 2 });
    const outcome = await run(model({ stallTimeoutMs: 300 }), request());

    expect(outcome.error?.kind).toBe('timeout');
    expect(outcome.text).toBe(splitIntoTokens(ANSWER).slice(0, 2).join(''));
    expect(outcome.error?.usage.outputTokens).toBeGreaterThan(0);
    await fake().waitForIdle();
    expect(fake().requests[0]).toMatchObject({ aborted: true, closed: true, completed: false });
    expect(fake().counts().open).toBe(0);
  });

  it('a consumer slower than stallTimeoutMs is not a stall: only the waits for the model count', async () => {
    fake().script({ text: 'one two three' });
    const texts: string[] = [];
    let done = false;
    for await (const event of model({ stallTimeoutMs: 200 }).stream(request())) {
      if (event.type === 'text') {
        texts.push(event.text);
        await new Promise((resolve) => setTimeout(resolve, 300)); // a socket slow to drain
      }
      if (event.type === 'done') done = true;
    }
    expect(texts.join('')).toBe('one two three');
    expect(done).toBe(true);
  });

  describe('the first-token deadline bounds everything before the first word', () => {
    const deadline = { firstTokenTimeoutMs: 400, maxRetries: 2, timeoutMs: 60_000 };

    async function timed(chat: ChatModel) {
      const started = Date.now();
      const outcome = await run(chat, request());
      return { outcome, elapsedMs: Date.now() - started };
    }

    it('a service that accepts and says nothing: timeout at the deadline, not after 3 × 60 s', async () => {
      fake().setDefault({ noResponse: true });
      const { outcome, elapsedMs } = await timed(model(deadline));
      expect(outcome.error?.kind).toBe('timeout');
      expect(elapsedMs).toBeLessThan(3000);
      await fake().waitForIdle();
      expect(fake().requests[0]).toMatchObject({ aborted: true, status: 0 });
    });

    it('retry-after: 600 does not hold the answer for ten minutes', async () => {
      fake().setDefault({ status: 529, retryAfter: 600 });
      const { outcome, elapsedMs } = await timed(model(deadline));
      expect(outcome.error?.kind).toBe('timeout');
      expect(elapsedMs).toBeLessThan(3000);
      expect(fake().requests).toHaveLength(1);
    });

    it('a stream that starts but sends no text within the deadline', async () => {
      fake().setDefault({ text: ANSWER, stallAfterTokens: 0 });
      const { outcome, elapsedMs } = await timed(model({ ...deadline, stallTimeoutMs: 20_000 }));
      expect(outcome.error?.kind).toBe('timeout');
      expect(elapsedMs).toBeLessThan(3000);
    });

    it('does not cut an answer whose first word came in time', async () => {
      fake().script({ text: ANSWER, tokenDelayMs: 60 });
      const { outcome } = await timed(model(deadline));
      expect(outcome.error).toBeNull();
      expect(outcome.text).toBe(ANSWER);
    });
  });

  it('abort through the signal mid-stream → aborted with usage; the fake sees the disconnect', async () => {
    const controller = new AbortController();
    fake().script({ text: ANSWER, tokenDelayMs: 20 });
    let received = 0;
    const outcome = await run(model(), request({ signal: controller.signal }), () => {
      received += 1;
      if (received === 3) controller.abort();
    });

    expect(outcome.error?.kind).toBe('aborted');
    expect(outcome.text).toBe(splitIntoTokens(ANSWER).slice(0, 3).join(''));
    const usage = outcome.error?.usage ?? NO_USAGE;
    expect(billedInputTokens(usage)).toBe(estimateTokens(SYSTEM) + estimateTokens(QUESTION));
    expect(usage.outputTokens).toBe(Math.ceil(outcome.text.length / 4));
    await fake().waitForIdle();
    expect(fake().requests[0]).toMatchObject({ aborted: true, completed: false });
    expect(fake().requests[0]?.deltasSent).toBeLessThan(splitIntoTokens(ANSWER).length);
  });

  it('a signal aborted before the call makes no request', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await run(model(), request({ signal: controller.signal }));
    expect(outcome.error?.kind).toBe('aborted');
    expect(outcome.error?.usage).toEqual(NO_USAGE);
    expect(fake().requests).toHaveLength(0);
  });

  it('a call held by sendAfter is made ready but sends nothing until it resolves', async () => {
    let send = () => {};
    const sendAfter = new Promise<void>((resolve) => {
      send = resolve;
    });
    fake().script({ text: ANSWER });
    const events = model().stream(request({ sendAfter }))[Symbol.asyncIterator]();
    const first = events.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake().requests).toHaveLength(0);

    send();
    expect((await first).value).toEqual({ type: 'text', text: splitIntoTokens(ANSWER)[0] });
    let last = await events.next();
    while (!last.done) last = await events.next();
    expect(fake().requests).toHaveLength(1);
    expect(fake().requests[0]).toMatchObject({ completed: true });
  });

  it('a call aborted while held by sendAfter ends as aborted, sends nothing and is not retried', async () => {
    const controller = new AbortController();
    const outcome = run(
      model({ maxRetries: 2 }),
      request({ signal: controller.signal, sendAfter: new Promise<void>(() => {}) }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect((await outcome).error?.kind).toBe('aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake().requests).toHaveLength(0);
  });

  it('a consumer that stops iterating early ends the upstream request', async () => {
    fake().script({ text: ANSWER, tokenDelayMs: 20 });
    for await (const event of model().stream(request())) {
      if (event.type === 'text') break;
    }
    await fake().waitForIdle();
    expect(fake().requests[0]).toMatchObject({ aborted: true, completed: false });
  });

  it('max_tokens reached → done with stopReason max_tokens', async () => {
    fake().script({ text: ANSWER });
    const outcome = await run(model(), request({ maxTokens: 4 }));
    expect(outcome.text).toBe(splitIntoTokens(ANSWER).slice(0, 4).join(''));
    expect(outcome.events.at(-1)).toMatchObject({
      type: 'done',
      stopReason: 'max_tokens',
      usage: { outputTokens: 4 },
    });
  });

  it('connection refused → unavailable', async () => {
    const gone = await startFakeAnthropic();
    const url = gone.url;
    await gone.close();
    const outcome = await run(model({ baseURL: url }), request());
    expect(outcome.error?.kind).toBe('unavailable');
  });

  it('reports usage overrides from the API as they are', async () => {
    fake().script({
      usage: { input_tokens: 11, cache_read_input_tokens: 5000, cache_creation_input_tokens: 7 },
    });
    const usage = doneUsage(await run(model(), request()));
    expect(usage).toMatchObject({
      inputTokens: 11,
      cacheReadInputTokens: 5000,
      cacheCreationInputTokens: 7,
    });
    expect(billedInputTokens(usage)).toBe(5018);
  });
});

describe('ModelError', () => {
  it('keeps the kind, a safe message, usage and the cause', () => {
    const cause = new Error('529 {"type":"overloaded_error"}');
    const error = new ModelError('overloaded', {
      usage: { ...NO_USAGE, inputTokens: 3 },
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ModelError');
    expect(error.kind).toBe('overloaded');
    expect(error.userMessage).not.toContain('529');
    expect(error.usage.inputTokens).toBe(3);
    expect(error.cause).toBe(cause);
  });
});

describe('toAnthropicParams: cache breakpoints only where a cached prefix pays', () => {
  const request = (system: string[], messages: string[]): ModelRequest => ({
    system,
    messages: messages.map((content, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content })),
    maxTokens: 100,
    temperature: 0.5,
  });
  const tokens = (n: number) => 'x'.repeat(4 * n);
  const marked = (params: ReturnType<typeof toAnthropicParams>) => ({
    system: params.system.map((block) => block.cache_control !== undefined),
    lastMessage: typeof params.messages.at(-1)?.content !== 'string',
  });

  it('asks for no caching below the model’s minimum (Haiku 4.5: 4,096 tokens)', () => {
    const params = toAnthropicParams('claude-haiku-4-5', request([tokens(3000)], ['Hi']));
    expect(marked(params)).toEqual({ system: [false], lastMessage: false });
    expect(params.messages).toEqual([{ role: 'user', content: 'Hi' }]);
    // The same prompt is long enough for Sonnet's 1,024.
    expect(marked(toAnthropicParams('claude-sonnet-4-5', request([tokens(3000)], ['Hi'])))).toEqual(
      { system: [true], lastMessage: true },
    );
  });

  it('marks the end of each system block past the minimum, and the last turn', () => {
    const params = toAnthropicParams(
      'claude-haiku-4-5',
      request([tokens(2000), tokens(1500), tokens(1000)], ['q', 'a', tokens(700)]),
    );
    expect(marked(params)).toEqual({ system: [false, false, true], lastMessage: true });
  });

  it('keeps the first and the last breakpoints when more would qualify than the API allows', () => {
    const params = toAnthropicParams(
      'claude-haiku-4-5',
      request([tokens(5000), tokens(10), tokens(10), tokens(10), tokens(10)], ['q']),
    );
    expect(marked(params)).toEqual({
      system: [true, false, false, true, true],
      lastMessage: true,
    });
    expect(
      cacheBreakpoints('claude-haiku-4-5', request([tokens(5000), tokens(10)], ['q'])),
    ).toEqual([0, 1, 2]);
  });

  it('leaves out empty system blocks, which the API refuses', () => {
    const params = toAnthropicParams('claude-haiku-4-5', request(['', tokens(5000), ''], ['q']));
    expect(params.system).toHaveLength(1);
  });
});
