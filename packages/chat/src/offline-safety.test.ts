import { randomUUID } from 'node:crypto';
import { catchUpCoaching } from '@coach/coaching-runs';
import { ContextManager } from '@coach/context';
import type { Database } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import { addDays, toUtcMidnight, todayIn } from '@coach/metrics';
import { UNIVERSES, type Universe } from '@coach/prompts';
import { createRateLimiter } from '@coach/rate-limiter';
import { generateAthleteHistory, writeAthlete } from '@coach/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatService } from './chat-service';

// The offline coach through the chat service, on what the real loaders give it (not hand-made
// contexts): in every universe a message about pain gets the red flags and the journal's pain,
// and a question on the universe's topic gets the athlete's own data from the fields it reads.
const TIMEZONE = 'Europe/Madrid';
let database: Database;
let chat: ChatService;
let userId: number;
let today: string;

beforeAll(async () => {
  database = await openTestDatabase();
  today = todayIn(TIMEZONE);
  ({ userId } = await writeAthlete(
    database.prisma,
    generateAthleteHistory({ seed: 21, days: 120, today, profile: { timezone: TIMEZONE } }),
    { email: 'offline-safety@example.com', passwordHash: 'unused' },
  ));
  await catchUpCoaching(database.prisma, userId, addDays(today, -6));
  const entryDate = toUtcMidnight(today);
  await database.prisma.journalEntry.upsert({
    where: { userId_entryDate: { userId, entryDate } },
    create: { userId, entryDate, painPercentage: 60 },
    update: { painPercentage: 60 },
  });
  chat = new ChatService({
    contexts: new ContextManager({ prisma: database.prisma }),
    limiter: createRateLimiter({ prisma: database.prisma }),
    model: null,
    settings: {
      maxResponseTokens: 500,
      temperature: 0.7,
      maxConversationMessages: 10,
      maxConcurrentStreams: 3,
    },
  });
}, 120_000);
afterAll(() => database.close());

async function answer(universe: Universe, message: string) {
  let text = '';
  let done: unknown;
  for await (const { event } of chat.streamChat({
    userId,
    universe,
    message,
    conversation: [],
    requestId: randomUUID(),
  })) {
    if (event.type === 'token') text += event.content;
    else done = event;
  }
  return { text, done };
}

/** A phrase of each universe's topical answer that comes from the loaders' own fields. */
const TOPICAL: Record<Universe, readonly [string, RegExp]> = {
  todays_workout: [
    'What should I do today?',
    /Today's workout: .+ Why: .+\n\nYour acute:chronic workload ratio is [\d.]+ external and [\d.]+ internal \(divergence -?[\d.]+\), with \d+ days since your last rest day\./s,
  ],
  autopsy: [
    'What did my last analysis find?',
    /Your latest workout analysis \(\d{4}-\d{2}-\d{2}\) scored \d+\/10/,
  ],
  training_plan: ['What is my plan this week?', /The week: Monday \d{4}-\d{2}-\d{2}: planned /],
  progress: ['Am I getting fitter?', /Over the last four weeks: \d+ runs, [\d.]+ km in [\d:]+/],
  general: ['When is my race?', /Your A race: .+ on \d{4}-\d{2}-\d{2} \(A race\)/],
};

describe('the offline coach on the loaders’ contexts', () => {
  it.each(UNIVERSES)(
    '%s: a message about pain gets the red flags and the journal’s pain',
    async (universe) => {
      const { text, done } = await answer(universe, 'My knee hurts, should I run today?');
      expect(text).toMatch(/^\(Offline coach: /);
      expect(text).toContain('see a doctor or physiotherapist');
      expect(text).toContain(`${today}: 60%`);
      expect(text).toContain('pain of 60% or more on two days in a row means rest');
      expect(text).not.toContain("Today's workout");
      expect(done).toMatchObject({ type: 'done', offline: true });
    },
  );

  it.each(UNIVERSES)(
    '%s: a question on its topic gets the athlete’s own data',
    async (universe) => {
      const [question, expected] = TOPICAL[universe];
      const { text } = await answer(universe, question);
      expect(text).toMatch(expected);
    },
  );
});
