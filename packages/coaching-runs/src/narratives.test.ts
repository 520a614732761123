import { createActivity, upsertJournal } from '@coach/athlete-data';
import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { createAnthropicModel } from '@coach/llm';
import { type FakeAnthropic, startFakeAnthropic } from '@coach/llm/testing';
import { addDays, type LocalDate, toUtcMidnight } from '@coach/metrics';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCoachingDay } from './coaching-day';
import { CoachingDays } from './coaching-days';

const TODAY = '2026-11-25';
const morningOf = (date: LocalDate) => new Date(`${date}T07:00:00Z`);
const RECOMMENDATION_WORDS = 'An easy day keeps you fresh for the long run on Sunday.';
const AUTOPSY_WORDS = 'You ran what was asked, at the easy effort it called for.';

let database: Database;
let fake: FakeAnthropic;
beforeAll(async () => {
  database = await openTestDatabase();
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.close();
  await database.close();
});
beforeEach(() => fake.reset());

function model() {
  return createAnthropicModel({
    apiKey: 'test-key',
    baseURL: fake.url,
    model: 'claude-haiku-4-5',
    maxRetries: 0,
    firstTokenTimeoutMs: 2000,
  });
}

const warnings: object[] = [];
const logger = { warn: (details: object) => warnings.push(details) };

/** An athlete with six weeks of easy running, coached yesterday, who ran again yesterday. */
async function athlete(): Promise<number> {
  const { prisma } = database;
  const { id } = await createTestAthlete(prisma, { timezone: 'UTC' });
  for (let day = 42; day >= 1; day -= 2) {
    await createActivity(
      prisma,
      id,
      {
        date: addDays(TODAY, -day),
        type: 'run',
        distance: 8,
        durationSeconds: 45 * 60,
        averageHeartRate: 140,
      },
      morningOf(addDays(TODAY, -day)),
    );
  }
  await new CoachingDays(prisma, logger).ensureToday(id, 'UTC', morningOf(addDays(TODAY, -1)));
  return id;
}

async function stored(userId: number) {
  const { prisma } = database;
  return {
    recommendation: await prisma.dailyRecommendation.findUniqueOrThrow({
      where: { userId_date: { userId, date: toUtcMidnight(TODAY) } },
    }),
    autopsy: await prisma.autopsy.findUniqueOrThrow({
      where: { userId_date: { userId, date: toUtcMidnight(addDays(TODAY, -1)) } },
    }),
  };
}

describe('narratives with a model key', () => {
  it("the model's words go on top of the engine's recommendation and autopsy, which stay as computed", async () => {
    const userId = await athlete();
    const engineOnly = await athlete();
    await new CoachingDays(database.prisma, logger).ensureToday(
      engineOnly,
      'UTC',
      morningOf(TODAY),
    );
    const computed = await stored(engineOnly);
    expect(computed.recommendation.narrative).toBeNull();
    expect(computed.autopsy.narrative).toBeNull();
    expect(fake.requests).toHaveLength(0);

    fake.script({ text: RECOMMENDATION_WORDS }, { text: AUTOPSY_WORDS });
    const days = new CoachingDays(database.prisma, logger, model());
    await days.ensureToday(userId, 'UTC', morningOf(TODAY));
    // The day is coached without waiting for the model; the narratives follow.
    await days.narrativesWritten();
    const narrated = await stored(userId);
    expect(narrated.recommendation.narrative).toBe(RECOMMENDATION_WORDS);
    expect(narrated.autopsy.narrative).toBe(AUTOPSY_WORDS);
    // The numbers, the session and the score are the engine's: the same as without a model.
    for (const key of ['workoutType', 'prescribedWorkout', 'rationale'] as const) {
      expect(narrated.recommendation[key]).toBe(computed.recommendation[key]);
    }
    expect(narrated.autopsy.alignmentScore).toBe(computed.autopsy.alignmentScore);
    expect(narrated.autopsy.autopsyAnalysis).toBe(computed.autopsy.autopsyAnalysis);
    // The model was given the engine's own text to narrate.
    const [asked, reviewed] = fake.requests.map((request) => JSON.stringify(request.body));
    expect(asked).toContain(JSON.stringify(narrated.recommendation.prescribedWorkout).slice(1, -1));
    expect(reviewed).toContain(`Alignment score: ${narrated.autopsy.alignmentScore}/10`);
  });

  it('a rerun keeps the narrative while the engine’s words stand, and drops it when they change', async () => {
    const userId = await athlete();
    fake.script({ text: RECOMMENDATION_WORDS }, { text: AUTOPSY_WORDS });
    const days = new CoachingDays(database.prisma, logger, model());
    await days.ensureToday(userId, 'UTC', morningOf(TODAY));
    await days.narrativesWritten();
    const narrated = await stored(userId);

    // The same words again (nothing they rest on changed): the narratives stay.
    await runCoachingDay(database.prisma, userId, 'refresh', morningOf(TODAY));
    expect((await stored(userId)).recommendation.narrative).toBe(RECOMMENDATION_WORDS);
    expect((await stored(userId)).autopsy.narrative).toBe(AUTOPSY_WORDS);

    // Through CoachingDays: the model is not asked again for words that have their narrative.
    fake.reset();
    await days.rerun(userId, 'memory', morningOf(TODAY));
    await days.narrativesWritten();
    expect(fake.requests).toHaveLength(0);

    // Pain logged: today's words change, so their narrative goes; yesterday's autopsy stands.
    await upsertJournal(database.prisma, userId, { painPercentage: 60 }, morningOf(TODAY));
    await runCoachingDay(database.prisma, userId, 'refresh', morningOf(TODAY));
    const changed = await stored(userId);
    expect(changed.recommendation.rationale).not.toBe(narrated.recommendation.rationale);
    expect(changed.recommendation.narrative).toBeNull();
    expect(changed.autopsy.narrative).toBe(AUTOPSY_WORDS);

    // The next run's narration writes one on the new words, and only that one.
    fake.script({ text: 'Rest today: the pain you logged comes first.' });
    await days.rerun(userId, 'journal', morningOf(TODAY));
    await days.narrativesWritten();
    expect(fake.requests).toHaveLength(1);
    expect(JSON.stringify(fake.requests[0]?.body)).toContain('pain at 60%');
    expect((await stored(userId)).recommendation.narrative).toBe(
      'Rest today: the pain you logged comes first.',
    );
  });

  it('a model that fails leaves the narratives out and the day coached', async () => {
    const userId = await athlete();
    warnings.length = 0;
    fake.script({ status: 500 });
    const days = new CoachingDays(database.prisma, logger, model());
    await days.ensureToday(userId, 'UTC', morningOf(TODAY));
    await days.narrativesWritten();
    const day = await stored(userId);
    expect(day.recommendation.prescribedWorkout.length).toBeGreaterThan(5);
    expect(day.recommendation.narrative).toBeNull();
    expect(warnings).toHaveLength(1);
  });
});
