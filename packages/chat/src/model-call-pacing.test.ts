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

it('a burst of sends begins only the model calls that fit in one turn’s budget, the rest in later turns', async () => {
  // The service's clock moves only by the model calls' cost, so what fits in a turn is exact.
  let now = 0;
  // The turns of the event loop, counted by an immediate that queues the next while the burst runs.
  let turn = 0;
  let counting = true;
  const count = () => {
    turn += 1;
    if (counting) setImmediate(count);
  };
  const callsPerTurn = new Map<number, number>();
  const counted: ChatModel = {
    ...model,
    stream: (request) => {
      callsPerTurn.set(turn, (callsPerTurn.get(turn) ?? 0) + 1);
      now += MODEL_CALL_MS;
      return model.stream(request);
    },
  };
  const chat = new ChatService({
    contexts: new ContextManager({ prisma: database.prisma }),
    limiter,
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
  callsPerTurn.clear();
  setImmediate(count);

  const answers = await Promise.all(
    Array.from({ length: SENDS }, () => collect(chat.streamChat(ask()))),
  );
  counting = false;

  expect(answers.map((events) => events.at(-1)?.event.type)).toEqual(Array(SENDS).fill('done'));
  const calls = [...callsPerTurn.values()];
  expect(calls.reduce((sum, n) => sum + n, 0)).toBe(SENDS);
  expect(Math.max(...calls)).toBe(MODEL_CALLS_PER_TURN);
  expect(calls).toHaveLength(SENDS / MODEL_CALLS_PER_TURN);
});
