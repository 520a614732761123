import { randomUUID } from 'node:crypto';
import { catchUpCoaching } from '@coach/coaching-runs';
import { ContextManager } from '@coach/context';
import type { Database } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import {
  type ChatModel,
  createAnthropicModel,
  estimateTokens,
  MODEL_ERROR_MESSAGES,
  type ModelRequest,
} from '@coach/llm';
import { DEFAULT_FAKE_TEXT, type FakeAnthropic, startFakeAnthropic } from '@coach/llm/testing';
import { addDays, todayIn } from '@coach/metrics';
import type { Universe } from '@coach/prompts';
import { createRateLimiter, type RateLimiter } from '@coach/rate-limiter';
import { generateAthleteHistory, writeAthlete } from '@coach/seed';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type AnswerRecord,
  ChatService,
  type ChatServiceOptions,
  type StreamChatInput,
} from './chat-service';
import {
  DailyLimitReachedError,
  RequestInProgressElsewhereError,
  TooManyStreamsError,
} from './errors';
import type { TrackedChatEvent } from './events';

let database: Database;
let fake: FakeAnthropic;
let model: ChatModel;
let limiter: RateLimiter;
let userId: number;

const SETTINGS = {
  maxResponseTokens: 500,
  temperature: 0.7,
  maxConversationMessages: 10,
  maxConcurrentStreams: 3,
};

beforeAll(async () => {
  database = await openTestDatabase();
  fake = await startFakeAnthropic();
  model = createAnthropicModel({
    apiKey: 'test-key',
    baseURL: fake.url,
    model: 'claude-haiku-4-5',
    maxRetries: 1,
    stallTimeoutMs: 300,
  });
  limiter = createRateLimiter({ prisma: database.prisma });
  const today = todayIn('America/Denver');
  ({ userId } = await writeAthlete(
    database.prisma,
    generateAthleteHistory({ seed: 3, days: 120, today }),
    { email: 'chat@example.com', passwordHash: 'unused' },
  ));
  // The engines' plan, recommendations and autopsies of the last few days.
  await catchUpCoaching(database.prisma, userId, addDays(today, -3));
}, 120_000);
afterAll(async () => {
  await fake.close();
  await database.close();
});
beforeEach(() => fake.reset());

function service(options: Partial<ChatServiceOptions> = {}): ChatService {
  return new ChatService({
    contexts: new ContextManager({ prisma: database.prisma }),
    limiter,
    model,
    settings: SETTINGS,
    graceMs: 200,
    ...options,
  });
}

function ask(overrides: Partial<StreamChatInput> = {}): StreamChatInput {
  return {
    userId,
    universe: 'todays_workout',
    message: 'What should I do today and why?',
    conversation: [],
    requestId: randomUUID(),
    ...overrides,
  };
}

async function collect(events: AsyncIterable<TrackedChatEvent>): Promise<TrackedChatEvent[]> {
  const all: TrackedChatEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

const answerText = (events: TrackedChatEvent[]) =>
  events.map((e) => (e.event.type === 'token' ? e.event.content : '')).join('');

/** The system prompt text of the fake's n-th request. */
function systemPromptOf(n: number): string {
  const body = fake.requests[n]?.body as { system?: { text: string }[] } | undefined;
  return (body?.system ?? []).map((block) => block.text).join('');
}

/** The model, recording the requests it is asked to make. */
function watchedModel(): { model: ChatModel; calls: ModelRequest[] } {
  const calls: ModelRequest[] = [];
  return {
    calls,
    model: {
      ...model,
      stream: (request) => {
        calls.push(request);
        return model.stream(request);
      },
    },
  };
}

async function reservationOf(requestId: string) {
  return database.prisma.chatReservation.findUniqueOrThrow({
    where: { userId_requestId: { userId, requestId } },
  });
}

describe('ChatService through the real SDK and the fake Anthropic API', () => {
  it.each<Universe>(['autopsy', 'training_plan', 'todays_workout', 'progress', 'general'])(
    '%s: streams the answer, sends the universe’s context with cache breakpoints, settles usage',
    async (universe) => {
      const input = ask({ universe });
      const events = await collect(service().streamChat(input));

      expect(answerText(events)).toBe(DEFAULT_FAKE_TEXT);
      // Tokens that arrive together leave as one event with the last one's id: ids only increase.
      const ids = events.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      const done = events.at(-1)?.event;
      expect(done?.type).toBe('done');

      expect(fake.requests).toHaveLength(1);
      const body = fake.requests[0]?.body as {
        system: { text: string; cache_control?: unknown }[];
        messages: { role: string; content: { text: string; cache_control?: unknown }[] }[];
      };
      // Blocks by how often they change; breakpoints after what every athlete shares (long enough
      // to be cached on its own), after the universe's context, and on the last turn.
      expect(body.system).toHaveLength(4);
      expect(body.system[0]?.text).toContain('REFERENCE FRAMEWORK:');
      expect(body.system[2]?.text).toContain('FACTS OF THE DAY');
      expect(body.system[3]?.text).toContain(`CURRENT CONTEXT (${universe})`);
      expect(body.system.map((block) => block.cache_control !== undefined)).toEqual([
        true,
        false,
        true,
        true,
      ]);
      expect(body.messages.at(-1)?.content[0]).toMatchObject({
        text: input.message,
        cache_control: { type: 'ephemeral' },
      });

      const reservation = await reservationOf(input.requestId ?? '');
      expect(reservation.status).toBe('settled');
      expect(done).toEqual({
        type: 'done',
        usage: { inputTokens: reservation.inputTokens, outputTokens: reservation.outputTokens },
      });
      expect(reservation.inputTokens).toBeGreaterThan(0);
    },
  );

  it('repeats its prefixes byte for byte: the next turn reads the last one, another universe the shared blocks', async () => {
    const chat = service();
    const first = ask();
    await collect(chat.streamChat(first));
    const answer = DEFAULT_FAKE_TEXT;
    await collect(
      chat.streamChat(
        ask({
          message: 'And tomorrow?',
          conversation: [
            { role: 'user', content: first.message },
            { role: 'assistant', content: answer },
          ],
        }),
      ),
    );
    await collect(chat.streamChat(ask({ universe: 'progress', message: 'Am I overdoing it?' })));
    const [turn1, turn2, otherUniverse] = fake.requests.map((r) => r.usage);
    // Turn 1 writes everything up to its question; turn 2 reads all of it back.
    expect(turn1?.cache_read_input_tokens).toBe(0);
    const turn1Prefix = (turn1?.cache_creation_input_tokens ?? 0) + (turn1?.input_tokens ?? 0);
    expect(turn2?.cache_read_input_tokens).toBe(turn1Prefix);
    // Another universe, same athlete and day: the shared rules and guide, the athlete's
    // style and the facts of the day are read; only the universe's part and on is written.
    const system = fake.requests[0]?.body.system as { text: string }[];
    const sharedThroughFacts = system
      .slice(0, 3)
      .reduce((sum, block) => sum + estimateTokens(block.text), 0);
    expect(otherUniverse?.cache_read_input_tokens).toBe(sharedThroughFacts);
  });

  it.each<Universe>(['autopsy', 'training_plan', 'todays_workout', 'progress', 'general'])(
    '%s: a message about pain reaches the model with the red-flag rule and the recent pain entries',
    async (universe) => {
      const day = todayIn('America/Denver');
      const entryDate = new Date(`${day}T00:00:00Z`);
      const where = { userId_entryDate: { userId, entryDate } };
      const saved = await database.prisma.journalEntry.findUnique({ where });
      await database.prisma.journalEntry.upsert({
        where,
        create: { userId, entryDate, painPercentage: 60 },
        update: { painPercentage: 60 },
      });
      try {
        await collect(
          service().streamChat(ask({ universe, message: 'My knee hurts, should I run today?' })),
        );
        const system = systemPromptOf(0);
        expect(system).toContain('If the athlete mentions pain red flags');
        expect(system).toContain('recommend stopping and seeing a doctor or physiotherapist');
        expect(system).toContain('## Pain red flags');
        expect(system).toContain('pain of 60% or more on two days in a row means mandatory rest');
        expect(system).toContain(`${day}: 60%`);
      } finally {
        await (saved
          ? database.prisma.journalEntry.update({
              where: { id: saved.id },
              data: { painPercentage: saved.painPercentage },
            })
          : database.prisma.journalEntry.delete({ where }));
      }
    },
  );

  it('without a model, a message about pain gets the offline coach’s red flags and pain entries', async () => {
    const day = todayIn('America/Denver');
    const entryDate = new Date(`${day}T00:00:00Z`);
    const where = { userId_entryDate: { userId, entryDate } };
    const saved = await database.prisma.journalEntry.findUnique({ where });
    await database.prisma.journalEntry.upsert({
      where,
      create: { userId, entryDate, painPercentage: 60 },
      update: { painPercentage: 60 },
    });
    try {
      const events = await collect(
        service({ model: null }).streamChat(ask({ message: 'My knee hurts, should I run today?' })),
      );
      const answer = answerText(events);
      expect(answer).toContain('see a doctor or physiotherapist');
      expect(answer).toContain(`${day}: 60%`);
      expect(answer).not.toContain("Today's workout");
    } finally {
      await (saved
        ? database.prisma.journalEntry.update({
            where: { id: saved.id },
            data: { painPercentage: saved.painPercentage },
          })
        : database.prisma.journalEntry.delete({ where }));
    }
  });

  it('puts the athlete’s own context in the prompt: today’s prescription', async () => {
    await collect(service().streamChat(ask()));
    const system = systemPromptOf(0);
    const today = await database.prisma.dailyRecommendation.findFirstOrThrow({
      where: { userId },
      orderBy: { date: 'desc' },
    });
    expect(system).toContain(today.prescribedWorkout);
  });

  it('a repeated requestId attaches to the same answer: one model call, one charge', async () => {
    fake.setDefault({ tokenDelayMs: 5 });
    const chat = service();
    const input = ask();
    const before = await limiter.getDailyStats(userId);
    const [first, second] = await Promise.all([
      collect(chat.streamChat(input)),
      collect(chat.streamChat(input)),
    ]);
    expect(second).toEqual(first);
    expect(fake.requests).toHaveLength(1);
    expect((await limiter.getDailyStats(userId)).messagesUsed).toBe(before.messagesUsed + 1);
  });

  it('a reconnecting client resumes after the last event it saw', async () => {
    fake.setDefault({ tokenDelayMs: 10 });
    const chat = service();
    const input = ask();
    const dropped = new AbortController();
    const seen: TrackedChatEvent[] = [];
    for await (const event of chat.streamChat({ ...input, signal: dropped.signal })) {
      seen.push(event);
      if (seen.length === 3) break;
    }
    const rest = await collect(chat.streamChat({ ...input, lastEventId: seen.at(-1)?.id }));
    expect(answerText([...seen, ...rest])).toBe(DEFAULT_FAKE_TEXT);
    expect(Number(rest[0]?.id)).toBeGreaterThan(Number(seen.at(-1)?.id));
    expect(fake.requests).toHaveLength(1);
  });

  it('a resume at or past the final event ends at once', async () => {
    const chat = service();
    const input = ask();
    const all = await collect(chat.streamChat(input));
    const lastId = Number(all.at(-1)?.id);
    for (const after of [lastId, lastId + 5]) {
      const resumed = await Promise.race([
        collect(chat.streamChat({ ...input, lastEventId: String(after) })),
        new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 1000)),
      ]);
      expect(resumed).toEqual([]);
    }
    expect(fake.requests).toHaveLength(1);
  });

  it('the same requestId on another instance is refused clearly, not charged twice', async () => {
    fake.setDefault({ tokenDelayMs: 5 });
    const input = ask();
    const running = collect(service().streamChat(input));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(collect(service().streamChat(input))).rejects.toBeInstanceOf(
      RequestInProgressElsewhereError,
    );
    await running;
    expect(fake.requests).toHaveLength(1);
  });
});

describe('ChatService: shutdown and restarts', () => {
  it('shutdown ends each answer with an event saying it was interrupted, delivered first', async () => {
    fake.setDefault({ tokenDelayMs: 30 });
    const records: AnswerRecord[] = [];
    const chat = service({ observer: { answerFinished: (record) => records.push(record) } });
    const events: TrackedChatEvent[] = [];
    let shutdown: Promise<void> | undefined;
    for await (const event of chat.streamChat(ask())) {
      events.push(event);
      if (events.length === 1) shutdown = chat.shutdown();
    }
    await shutdown;
    expect(events.at(-1)?.event).toEqual({
      type: 'error',
      message: 'The server restarted; your answer was interrupted. Please send it again.',
    });
    expect(records).toMatchObject([{ outcome: 'interrupted', offline: false }]);
  });

  it('a resume of an answer that is over everywhere ends with a final event, not CONFLICT', async () => {
    const input = ask();
    await collect(service().streamChat(input));
    // Another instance (or this one after a restart) no longer has the answer.
    const resumed = await collect(service().streamChat({ ...input, lastEventId: '4' }));
    expect(resumed).toEqual([
      {
        id: '5',
        event: {
          type: 'error',
          message: 'This answer is no longer available. Please send your message again.',
        },
      },
    ]);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('ChatService: logs', () => {
  it('never carry what the athlete wrote, even when an answer fails', async () => {
    const lines: string[] = [];
    const record = (level: string) => (details: object, message: string) =>
      lines.push(
        `${level} ${message} ${JSON.stringify(details, (_k, v) => (v instanceof Error ? v.message : v))}`,
      );
    const logger = { info: record('info'), warn: record('warn'), error: record('error') };
    const secret = 'my-private-question-about-a-sore-achilles';
    fake.setDefault({ errorAfterTokens: 2 });
    await collect(service({ logger }).streamChat(ask({ message: secret })));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(secret);
  });
});

describe('ChatService: one log line and one record per finished answer', () => {
  function observed(options: Partial<ChatServiceOptions> = {}) {
    const lines: { level: string; message: string; details: Record<string, unknown> }[] = [];
    const log = (level: string) => (details: object, message: string) =>
      lines.push({ level, message, details: details as Record<string, unknown> });
    const records: AnswerRecord[] = [];
    const refusals: string[] = [];
    const chat = service({
      logger: { info: log('info'), warn: log('warn'), error: log('error') },
      observer: {
        answerFinished: (record) => records.push(record),
        refused: (reason) => refusals.push(reason),
      },
      ...options,
    });
    const finished = () => lines.filter((l) => l.message === 'chat answer finished');
    return { chat, lines, records, refusals, finished };
  }

  it('a done answer: ids, universe, every kind of token, time to first token, duration', async () => {
    fake.setDefault({ tokenDelayMs: 5 });
    const { chat, records, finished } = observed();
    const input = ask({ universe: 'progress', message: 'A private question about my knee' });
    await collect(chat.streamChat(input));
    const usage = fake.requests[0]?.usage;
    expect(finished()).toHaveLength(1);
    const [line] = finished();
    expect(line?.level).toBe('info');
    expect(line?.details).toEqual(records[0]);
    expect(records[0]).toMatchObject({
      userId,
      universe: 'progress',
      requestId: input.requestId,
      outcome: 'done',
      offline: false,
      inputTokens: usage?.input_tokens,
      cacheReadTokens: usage?.cache_read_input_tokens,
      cacheWriteTokens: usage?.cache_creation_input_tokens,
      outputTokens: usage?.output_tokens,
    });
    expect(records[0]?.errorKind).toBeUndefined();
    const { timeToFirstTokenMs, durationMs } = records[0] ?? {};
    expect(timeToFirstTokenMs).toBeGreaterThan(0);
    expect(durationMs).toBeGreaterThan(timeToFirstTokenMs ?? 0);
    expect(JSON.stringify(line)).not.toContain('private question');
  });

  it('an offline answer, an error, a stop: each says how it ended', async () => {
    const offline = observed({ model: null });
    await collect(offline.chat.streamChat(ask()));
    expect(offline.records[0]).toMatchObject({ outcome: 'done', offline: true, inputTokens: 0 });
    expect(offline.records[0]?.timeToFirstTokenMs).not.toBeNull();

    fake.setDefault({ errorAfterTokens: 2 });
    const failing = observed();
    await collect(failing.chat.streamChat(ask()));
    expect(failing.records).toMatchObject([
      { outcome: 'error', errorKind: 'overloaded', offline: false },
    ]);
    expect(failing.finished()).toHaveLength(1);

    fake.setDefault({ tokenDelayMs: 20 });
    const stopped = observed();
    const input = ask();
    let seen = 0;
    for await (const _ of stopped.chat.streamChat(input)) {
      seen += 1;
      if (seen === 2) await stopped.chat.stop(userId, input.requestId ?? '');
    }
    expect(stopped.records).toMatchObject([{ outcome: 'stopped', offline: false }]);
  });

  it('refusals (daily limit, stream cap) are logged at info and reported, with no text', async () => {
    const used = (await limiter.getDailyStats(userId)).messagesUsed;
    const strict = createRateLimiter({ prisma: database.prisma, limits: { dailyMessages: used } });
    const limited = observed({ limiter: strict });
    await collect(limited.chat.streamChat(ask({ message: 'secret words' }))).catch(() => {});
    expect(limited.refusals).toEqual(['daily_limit']);
    expect(limited.lines).toMatchObject([
      { level: 'info', message: 'chat message refused', details: { reason: 'daily_limit' } },
    ]);
    expect(JSON.stringify(limited.lines)).not.toContain('secret words');

    fake.setDefault({ tokenDelayMs: 20 });
    const capped = observed({ settings: { ...SETTINGS, maxConcurrentStreams: 1 } });
    const running = collect(capped.chat.streamChat(ask()));
    expect(capped.chat.activeAnswers()).toBe(1);
    await collect(capped.chat.streamChat(ask())).catch(() => {});
    expect(capped.refusals).toEqual(['stream_cap']);
    expect(capped.lines.find((l) => l.message === 'chat message refused')).toMatchObject({
      level: 'info',
      details: { reason: 'stream_cap', userId },
    });
    await running;
    expect(capped.chat.activeAnswers()).toBe(0);
  });
});

describe('ChatService: limits, faults and stops', () => {
  it('refuses at the daily limit before calling the model', async () => {
    const used = (await limiter.getDailyStats(userId)).messagesUsed;
    const strict = createRateLimiter({ prisma: database.prisma, limits: { dailyMessages: used } });
    const { model: watched, calls } = watchedModel();
    const error = await collect(
      service({ limiter: strict, model: watched }).streamChat(ask()),
    ).catch((e) => e);
    // A call made ready while the limiter decided is ended, not left holding its request.
    expect(calls.every((request) => request.signal?.aborted)).toBe(true);
    expect(error).toBeInstanceOf(DailyLimitReachedError);
    expect((error as DailyLimitReachedError).usage).toMatchObject({
      allowed: false,
      remainingMessages: 0,
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('makes the model call ready while the message is admitted, and sends it only once admitted', async () => {
    let admit = () => {};
    const admission = new Promise<void>((resolve) => {
      admit = resolve;
    });
    let admitted = false;
    let callsBeforeAdmission = 0;
    const held: RateLimiter = {
      ...limiter,
      reserve: async (request) => {
        const result = await limiter.reserve(request);
        await admission;
        admitted = true;
        return result;
      },
    };
    const counted: ChatModel = {
      ...model,
      stream: (request) => {
        if (!admitted) callsBeforeAdmission += 1;
        return model.stream(request);
      },
    };
    fake.script({ text: 'Easy 40 minutes today.' });
    const answer = collect(service({ limiter: held, model: counted }).streamChat(ask()));
    await vi.waitFor(() => expect(callsBeforeAdmission).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.requests).toHaveLength(0);

    admit();
    const events = await answer;
    expect(events.at(-1)?.event.type).toBe('done');
    expect(answerText(events)).toBe('Easy 40 minutes today.');
    expect(fake.requests).toHaveLength(1);
  });

  it('a question that cannot be saved is not answered: nothing reaches the model, the message is given back', async () => {
    const failing = new Proxy(database.prisma, {
      get: (target, property, receiver) =>
        property === 'conversation'
          ? { create: () => Promise.reject(new Error('the database is down')) }
          : Reflect.get(target, property, receiver),
    });
    const { model: watched, calls } = watchedModel();
    const before = (await limiter.getDailyStats(userId)).messagesUsed;
    const error = await collect(
      service({ database: failing, model: watched }).streamChat(ask({ conversationId: 'new' })),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('the database is down');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A call made ready meanwhile is ended (or was never made), not left holding its request.
    expect(calls.every((request) => request.signal?.aborted)).toBe(true);
    expect(fake.requests).toHaveLength(0);
    expect((await limiter.getDailyStats(userId)).messagesUsed).toBe(before);
  });

  it('refuses an athlete’s stream over the concurrent cap before reserving; a repeat still attaches', async () => {
    fake.setDefault({ tokenDelayMs: 20 });
    const chat = service({ settings: { ...SETTINGS, maxConcurrentStreams: 2 } });
    const before = (await limiter.getDailyStats(userId)).messagesUsed;
    const first = ask();
    const running = [collect(chat.streamChat(first)), collect(chat.streamChat(ask()))];
    await expect(collect(chat.streamChat(ask()))).rejects.toBeInstanceOf(TooManyStreamsError);
    expect((await collect(chat.streamChat(first))).at(-1)?.event.type).toBe('done');
    await Promise.all(running);
    expect((await limiter.getDailyStats(userId)).messagesUsed).toBe(before + 2);
    expect(fake.requests).toHaveLength(2);
    // Once the answers have ended, the athlete may send again.
    expect((await collect(chat.streamChat(ask()))).at(-1)?.event.type).toBe('done');
  });

  it.each([
    ['429 rate limited', { status: 429, retryAfter: 0.01 }],
    ['529 overloaded', { status: 529, retryAfter: 0.01 }],
    ['500 server error', { status: 500, retryAfter: 0.01 }],
  ])(
    '%s before any word: the offline coach answers instead, nothing billed, no message used',
    async (_, reply) => {
      fake.setDefault(reply);
      const input = ask();
      const before = (await limiter.getDailyStats(userId)).messagesUsed;
      const events = await collect(service().streamChat(input));
      expect(answerText(events)).toMatch(/^\(Offline coach/);
      expect(events.at(-1)?.event).toMatchObject({
        type: 'done',
        usage: { inputTokens: 0, outputTokens: 0 },
        offline: true,
      });
      expect(answerText(events)).not.toContain('[facts:');
      expect(fake.requests).toHaveLength(2); // the SDK retried once
      expect((await reservationOf(input.requestId ?? '')).status).toBe('settled');
      expect((await limiter.getDailyStats(userId)).messagesUsed).toBe(before);
    },
  );

  it('a model that accepts and says nothing: the offline coach answers at the first-token deadline', async () => {
    fake.setDefault({ noResponse: true });
    const hanging = createAnthropicModel({
      apiKey: 'test-key',
      baseURL: fake.url,
      model: 'claude-haiku-4-5',
      firstTokenTimeoutMs: 300,
    });
    const started = Date.now();
    const events = await collect(service({ model: hanging }).streamChat(ask()));
    expect(answerText(events)).toMatch(/^\(Offline coach/);
    expect(events.at(-1)?.event.type).toBe('done');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('an error mid-stream ends with a clear error and settles the tokens billed', async () => {
    fake.setDefault({ errorAfterTokens: 3 });
    const input = ask();
    const events = await collect(service().streamChat(input));
    // Three tokens (ids 0–2, perhaps coalesced into fewer events), then the error as id 3.
    expect(events.filter((e) => e.event.type === 'token').at(-1)?.id).toBe('2');
    expect(events.at(-1)?.id).toBe('3');
    expect(events.at(-1)?.event).toEqual({
      type: 'error',
      message: MODEL_ERROR_MESSAGES.overloaded,
    });
    const reservation = await reservationOf(input.requestId ?? '');
    expect(reservation.status).toBe('settled');
    expect(reservation.inputTokens).toBeGreaterThan(0);
    expect(reservation.outputTokens).toBeGreaterThan(0);
  });

  it('a stalled stream times out with a clear error and settles', async () => {
    fake.setDefault({ stallAfterTokens: 2 });
    const input = ask();
    const events = await collect(service().streamChat(input));
    expect(events.at(-1)?.event).toEqual({ type: 'error', message: MODEL_ERROR_MESSAGES.timeout });
    expect((await reservationOf(input.requestId ?? '')).status).toBe('settled');
    await fake.waitForIdle();
  });

  it('a configuration error is not hidden behind the offline coach', async () => {
    fake.setDefault({ status: 401 });
    const events = await collect(service().streamChat(ask()));
    expect(events).toEqual([
      { id: '0', event: { type: 'error', message: MODEL_ERROR_MESSAGES.configuration } },
    ]);
  });

  it('chat.stop ends the model call and settles what was billed', async () => {
    // Long enough (100 tokens, 2 s) that the model is still answering when the stop arrives, even on
    // a loaded machine.
    const text = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    fake.setDefault({ text, tokenDelayMs: 20 });
    const chat = service();
    const input = ask();
    const events: TrackedChatEvent[] = [];
    for await (const event of chat.streamChat(input)) {
      events.push(event);
      if (events.length === 2) expect(await chat.stop(userId, input.requestId ?? '')).toBe(true);
    }
    expect(events.at(-1)?.event.type).toBe('done');
    expect(answerText(events).length).toBeLessThan(text.length);
    await fake.waitForIdle();
    expect(fake.counts().aborted).toBe(1);
    const reservation = await reservationOf(input.requestId ?? '');
    expect(reservation.status).toBe('settled');
    expect(reservation.inputTokens).toBeGreaterThan(0);
  });

  it('nobody listening for the grace period: the model call is aborted and usage settled', async () => {
    fake.setDefault({ tokenDelayMs: 30 });
    const chat = service();
    const input = ask();
    const gone = new AbortController();
    for await (const event of chat.streamChat({ ...input, signal: gone.signal })) {
      if (event.id === '1') break;
    }
    await fake.waitForIdle(3000);
    expect(fake.counts().aborted).toBe(1);
    await expect
      .poll(async () => (await reservationOf(input.requestId ?? '')).status)
      .toBe('settled');
  });

  it('a failed settle is retried until it lands, with the real usage, not the estimate', async () => {
    let failures = 0;
    const flaky: RateLimiter = {
      ...limiter,
      settle: async (reservation, billed) => {
        if (failures < 2) {
          failures += 1;
          throw new Error('connection reset');
        }
        return limiter.settle(reservation, billed);
      },
    };
    const input = ask();
    const chat = service({ limiter: flaky, settleRetryDelaysMs: [20, 40, 80] });
    const done = (await collect(chat.streamChat(input))).at(-1)?.event;
    expect(done?.type).toBe('done');
    await expect
      .poll(async () => (await reservationOf(input.requestId ?? '')).status)
      .toBe('settled');
    const reservation = await reservationOf(input.requestId ?? '');
    expect(failures).toBe(2);
    expect(done).toEqual({
      type: 'done',
      usage: { inputTokens: reservation.inputTokens, outputTokens: reservation.outputTokens },
    });
    expect(reservation.outputTokens).toBeLessThan(SETTINGS.maxResponseTokens);
  });

  it('a loader that throws: the fallback context, and still an answer', async () => {
    const contexts = new ContextManager({
      prisma: database.prisma,
      loaders: { progress: () => Promise.reject(new Error('lost connection')) },
    });
    const events = await collect(service({ contexts }).streamChat(ask({ universe: 'progress' })));
    expect(answerText(events)).toBe(DEFAULT_FAKE_TEXT);
    const system = systemPromptOf(0);
    expect(system).toContain('Some progress data could not be loaded');
  });

  it('without a model the offline coach answers from the athlete’s data, free: no message used', async () => {
    const before = (await limiter.getDailyStats(userId)).messagesUsed;
    const events = await collect(service({ model: null }).streamChat(ask()));
    const text = answerText(events);
    expect(text).toMatch(/^\(Offline coach/);
    expect(text).toContain("Today's workout:");
    expect(events.at(-1)?.event).toMatchObject({ type: 'done', offline: true });
    expect(fake.requests).toHaveLength(0);
    expect((await limiter.getDailyStats(userId)).messagesUsed).toBe(before);
  });
});

describe('ChatService: answers show what they rest on', () => {
  /** The number of the prompt's first fact whose text starts with `heading`, as the model reads it. */
  function factNumber(system: string, heading: string): number {
    const match = new RegExp(`\\[(\\d+)\\] ${heading}:`).exec(system);
    if (!match?.[1]) throw new Error(`no fact "${heading}" in the prompt`);
    return Number(match[1]);
  }
  const systemOf = (request: { body: unknown }) =>
    ((request.body as { system: { text: string }[] }).system ?? []).map((b) => b.text).join('');
  const doneOf = (events: TrackedChatEvent[]) => {
    const done = events.at(-1)?.event;
    if (done?.type !== 'done') throw new Error('no done event');
    return done;
  };

  it('strips the cited fact numbers from the streamed text and sends the facts that exist, labelled', async () => {
    let cited = 0;
    fake.script((request) => {
      const system = systemOf(request);
      cited = factNumber(system, 'Training State');
      const acwr = /external ACWR ([\d.]+)/.exec(system)?.[1] ?? 'unknown';
      // The trailer split over several tokens, and a number that is no fact.
      return {
        tokens: [
          'Your ACWR ',
          `is ${acwr}: `,
          'keep it easy.',
          '\n\n[fa',
          `cts: ${cited}, 9`,
          '99]',
        ],
      };
    });
    const events = await collect(service().streamChat(ask()));
    const text = answerText(events);
    expect(text).toMatch(/^Your ACWR is [\d.]+: keep it easy\.$/);
    expect(text).not.toContain('[');
    expect(events.filter((e) => e.event.type === 'token').length).toBeGreaterThan(0);

    const { facts } = await new ContextManager({ prisma: database.prisma }).getContext(
      userId,
      'todays_workout',
    );
    const done = doneOf(events);
    expect(done.facts).toEqual([
      { number: cited, label: facts.find((f) => f.number === cited)?.label },
    ]);
    expect(done.facts?.[0]?.label).toMatch(/^ACWR [\d.]+ · \d+ [A-Z][a-z]{2}$/);
    expect(done.unsupportedNumbers).toBeUndefined();
  });

  it('flags a number the model invented, found in no fact', async () => {
    fake.script((request) => ({
      text: `Your fitness score is 4321.5 today.\n[facts: ${factNumber(systemOf(request), 'Today')}]`,
    }));
    const done = doneOf(await collect(service().streamChat(ask())));
    expect(done.unsupportedNumbers).toEqual(['4321.5']);
    expect(done.facts).toHaveLength(1);
  });

  it('an answer without the trailer cites nothing and loses no text', async () => {
    fake.script({ text: 'Easy run today [see plan].' });
    const events = await collect(service().streamChat(ask()));
    expect(answerText(events)).toBe('Easy run today [see plan].');
    expect(doneOf(events).facts).toBeUndefined();
  });

  it('the offline coach cites its facts the same way: a pain question cites the recent pain', async () => {
    const events = await collect(
      service({ model: null }).streamChat(ask({ message: 'My knee hurts, should I run?' })),
    );
    expect(answerText(events)).not.toContain('[facts:');
    const done = doneOf(events);
    const { facts } = await new ContextManager({ prisma: database.prisma }).getContext(
      userId,
      'todays_workout',
    );
    const painFacts = facts.filter((f) => f.key === 'painInTheLast7Days');
    expect(painFacts.length).toBeGreaterThan(0);
    expect(done.facts).toEqual(
      expect.arrayContaining(painFacts.map(({ number, label }) => ({ number, label }))),
    );
    expect(done.unsupportedNumbers).toBeUndefined();
  });
});
