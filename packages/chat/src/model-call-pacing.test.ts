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
import { ChatService, MODEL_CALLS_PER_TURN, type StreamChatInput } from './chat-service';
import type { TrackedChatEvent } from './events';

/** more sends than one turn admits */
const SENDS = MODEL_CALLS_PER_TURN + 8;

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

it('reservations that come back together start their model calls at most MODEL_CALLS_PER_TURN per event-loop turn', async () => {
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
        releaseTurn = true;
        // Queued before any of the pacer's turns, so it ends the release turn before they run.
        setImmediate(() => {
          releaseTurn = false;
        });
        releaseAll();
      }
      await allReserved;
      return result;
    },
  };
  const calledInReleaseTurn: boolean[] = [];
  const counted: ChatModel = {
    ...model,
    stream: (request) => {
      calledInReleaseTurn.push(releaseTurn);
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
