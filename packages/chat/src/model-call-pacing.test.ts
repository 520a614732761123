import { randomUUID } from 'node:crypto';
import { ContextManager } from '@coach/context';
import type { Database } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import { type ChatModel, createAnthropicModel } from '@coach/llm';
import { type FakeAnthropic, startFakeAnthropic } from '@coach/llm/testing';
import { todayIn } from '@coach/metrics';
import { createRateLimiter, type RateLimiter } from '@coach/rate-limiter';
import { generateAthleteHistory, writeAthlete } from '@coach/seed';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChatService, SEND_WORK_MS_PER_TURN, type StreamChatInput } from './chat-service';
import type { TrackedChatEvent } from './events';

/** What starting one model call costs the main thread here, on the clock the service is given. */
const MODEL_CALL_MS = SEND_WORK_MS_PER_TURN / 4;
/** How many model calls fit in one turn's budget for the sends' work. */
const MODEL_CALLS_PER_TURN = 4;
/** more sends than one turn admits */
const SENDS = MODEL_CALLS_PER_TURN * 3;

let database: Database;
let fake: FakeAnthropic;
let model: ChatModel;
let limiter: RateLimiter;
let userId: number;

beforeAll(async () => {
  database = await openTestDatabase();
  fake = await startFakeAnthropic();
  model = createAnthropicModel({
    apiKey: 'test-key',
    baseURL: fake.url,
    model: 'claude-haiku-4-5',
  });
  limiter = createRateLimiter({ prisma: database.prisma, limits: { dailyMessages: 1000 } });
  ({ userId } = await writeAthlete(
    database.prisma,
    generateAthleteHistory({ seed: 5, days: 14, today: todayIn('UTC') }),
    { email: 'pacing@example.com', passwordHash: 'unused' },
  ));
}, 120_000);
afterAll(async () => {
  await fake.close();
  await database.close();
});

const ask = (): StreamChatInput => ({
  userId,
  universe: 'todays_workout',
  message: 'What should I do today?',
  conversation: [],
  requestId: randomUUID(),
});

async function collect(events: AsyncIterable<TrackedChatEvent>): Promise<TrackedChatEvent[]> {
  const all: TrackedChatEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

it('reservations that come back together start only the model calls that fit in one turn’s budget, the rest in later turns', async () => {
  // Every reservation is held until all are made, then let go in one turn, as a burst's come
  // back from the database thread.
  let gating = false;
  let reserved = 0;
  let releaseAll: () => void = () => {};
  const allReserved = new Promise<void>((resolve) => {
    releaseAll = resolve;
  });
  let releaseTurn = false;
  const gated: RateLimiter = {
    ...limiter,
    reserve: async (request) => {
      const result = await limiter.reserve(request);
      if (!gating) return result;
      reserved += 1;
      if (reserved === SENDS) {
        // Let go two check phases later, when the pacer's turn of the reservations has ended, so
        // the immediate that ends the release turn is queued before any of the pacer's next turns.
        setImmediate(() =>
          setImmediate(() => {
            releaseTurn = true;
            setImmediate(() => {
              releaseTurn = false;
            });
            releaseAll();
          }),
        );
      }
      await allReserved;
      return result;
    },
  };
  // The service's clock moves only by the model calls' cost, so what fits in a turn is exact.
  let now = 0;
  const calledInReleaseTurn: boolean[] = [];
  const counted: ChatModel = {
    ...model,
    stream: (request) => {
      calledInReleaseTurn.push(releaseTurn);
      now += MODEL_CALL_MS;
      return model.stream(request);
    },
  };
  const chat = new ChatService({
    contexts: new ContextManager({ prisma: database.prisma }),
    limiter: gated,
    model: counted,
    settings: {
      maxResponseTokens: 500,
      temperature: 0.7,
      maxConversationMessages: 10,
      maxConcurrentStreams: SENDS + 1,
    },
    clock: () => now,
  });
  // One answer first, so the athlete's context is cached and nothing else spreads the calls.
  await collect(chat.streamChat(ask()));
  calledInReleaseTurn.length = 0;
  gating = true;

  const answers = await Promise.all(
    Array.from({ length: SENDS }, () => collect(chat.streamChat(ask()))),
  );

  expect(answers.map((events) => events.at(-1)?.event.type)).toEqual(Array(SENDS).fill('done'));
  expect(calledInReleaseTurn).toHaveLength(SENDS);
  expect(calledInReleaseTurn.filter(Boolean)).toHaveLength(MODEL_CALLS_PER_TURN);
});
