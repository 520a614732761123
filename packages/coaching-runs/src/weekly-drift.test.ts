import { addRaceGoal, createActivity } from '@coach/athlete-data';
import { type Database, readPlannedDays } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { addDays, type LocalDate, toUtcMidnight } from '@coach/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCoachingDay } from './coaching-day';

// Mondays, in UTC (the athlete's time zone).
const WEEK_1 = '2026-11-30';
const WEEK_2 = addDays(WEEK_1, 7);
const WEEK_3 = addDays(WEEK_1, 14);
const WEEK_4 = addDays(WEEK_1, 21);
const morningOf = (date: LocalDate) => new Date(`${date}T07:00:00Z`);

let database: Database;
let userId: number;
beforeAll(async () => {
  database = await openTestDatabase();
  const { prisma } = database;
  ({ id: userId } = await createTestAthlete(prisma, { timezone: 'UTC' }));
  const before = morningOf(addDays(WEEK_1, -1));
  // Six weeks of an easy 8 km every other day, then an A half marathon in the spring.
  for (let day = 42; day >= 2; day -= 2) {
    await createActivity(
      prisma,
      userId,
      {
        date: addDays(WEEK_1, -day),
        type: 'run',
        distance: 8,
        durationSeconds: 45 * 60,
        averageHeartRate: 145,
      },
      before,
    );
  }
  await addRaceGoal(
    prisma,
    userId,
    { name: 'Spring half', raceDate: '2027-03-14', distance: 'half_marathon', priority: 'A' },
    before,
  );
});
afterAll(() => database.close());

/** The stored programs from `monday` on, as written. */
async function programsFrom(monday: LocalDate) {
  return database.prisma.weeklyProgram.findMany({
    where: { userId, weekStart: { gte: toUtcMidnight(monday) } },
    orderBy: { weekStart: 'asc' },
    select: { weekStart: true, stage: true, focus: true, days: true },
  });
}

/** Runs each day of the week as its stored program says, at `share` of the planned distance. */
async function runWeekAsPlanned(monday: LocalDate, share: number) {
  const [program] = await programsFrom(monday);
  for (const day of readPlannedDays(program?.days)) {
    if (day.workoutType === 'rest' || day.plannedDistanceMeters === 0) continue;
    await createActivity(
      database.prisma,
      userId,
      {
        date: day.date,
        type: 'run',
        distance: (day.plannedDistanceMeters / 1000) * share,
        durationSeconds: Math.round(day.plannedMinutes * 60 * share),
        averageHeartRate: 145,
      },
      morningOf(addDays(day.date, 1)),
    );
  }
}

/** Coaches every day of the week in order; returns the Monday's run. */
async function coachWeek(monday: LocalDate) {
  const first = await runCoachingDay(database.prisma, userId, 'ensure', morningOf(monday));
  for (let day = 1; day < 7; day++) {
    const run = await runCoachingDay(
      database.prisma,
      userId,
      'ensure',
      morningOf(addDays(monday, day)),
    );
    expect(run.replanned).toBe(false);
  }
  return first;
}

describe('weekly drift', () => {
  it('plans once, keeps the plan through a week run as planned, and the week after', async () => {
    const first = await coachWeek(WEEK_1);
    expect(first.replanned).toBe(true);
    expect(first.lastWeekDrift).toBeNull();
    const planned = await programsFrom(WEEK_2);
    expect(planned.length).toBeGreaterThan(5);

    await runWeekAsPlanned(WEEK_1, 1);
    const second = await coachWeek(WEEK_2);
    expect(second.lastWeekDrift).toMatchObject({ missed: 0, extra: 0, drifted: false });
    expect(second.replanned).toBe(false);
    // The coming weeks are the ones written in week 1, untouched.
    expect(await programsFrom(WEEK_2)).toEqual(planned);
  });

  it('plans the coming weeks again when a week drifted: sessions missed', async () => {
    const before = await programsFrom(WEEK_3);
    // Week 2: only the first two sessions, short.
    const [program] = await programsFrom(WEEK_2);
    const runDays = readPlannedDays(program?.days).filter((d) => d.workoutType !== 'rest');
    for (const day of runDays.slice(0, 2)) {
      await createActivity(
        database.prisma,
        userId,
        { date: day.date, type: 'run', distance: 5, durationSeconds: 30 * 60 },
        morningOf(addDays(day.date, 1)),
      );
    }
    const third = await coachWeek(WEEK_3);
    expect(third.lastWeekDrift?.missed).toBe(runDays.length - 2);
    expect(third.lastWeekDrift?.drifted).toBe(true);
    expect(third.replanned).toBe(true);
    const after = await programsFrom(WEEK_3);
    expect(after).not.toEqual(before);
    // Built from what was done: less volume ahead than the plan that assumed week 2 was run.
    const km = (weeks: typeof after) =>
      readPlannedDays(weeks[0]?.days).reduce((sum, d) => sum + d.plannedDistanceMeters, 0);
    expect(km(after)).toBeLessThan(km(before));
  });

  it('a week run a little short is not drift; one run far over the plan is', async () => {
    await runWeekAsPlanned(WEEK_3, 0.85);
    const fourth = await coachWeek(WEEK_4);
    expect(fourth.lastWeekDrift?.drifted).toBe(false);
    expect(fourth.replanned).toBe(false);

    await runWeekAsPlanned(WEEK_4, 1.5);
    const fifth = await runCoachingDay(
      database.prisma,
      userId,
      'ensure',
      morningOf(addDays(WEEK_4, 7)),
    );
    expect(fifth.lastWeekDrift).toMatchObject({ missed: 0, extra: 0, drifted: true });
    expect(fifth.replanned).toBe(true);
  });
});
