import { addMemory, addRaceGoal, createActivity, updateMemory } from '@coach/athlete-data';
import { HARD_WORKOUT_TYPES, WORKOUT_TYPES } from '@coach/coaching';
import { type Database, readPlannedDays } from '@coach/db';
import { createTestAthlete, testBackends } from '@coach/db/testing';
import { addDays, type LocalDate, mondayOf, toUtcMidnight } from '@coach/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COACHING_LOCK, runCoachingDay } from './coaching-day';

/** A Wednesday morning in UTC, the test athletes' time zone. */
const TODAY = '2026-11-25';
const morningOf = (date: LocalDate) => new Date(`${date}T09:00:00Z`);

async function runner(database: Database, now: Date): Promise<number> {
  const { prisma } = database;
  const athlete = await createTestAthlete(prisma, { timezone: 'UTC' });
  // Six weeks of an easy 8 km every other day, then an A half marathon in 13 weeks.
  for (let day = 42; day >= 2; day -= 2) {
    await createActivity(
      prisma,
      athlete.id,
      {
        date: addDays(TODAY, -day),
        type: 'run',
        distance: 8,
        durationSeconds: 45 * 60,
        averageHeartRate: 145,
      },
      now,
    );
  }
  await addRaceGoal(
    prisma,
    athlete.id,
    { name: 'Spring half', raceDate: '2027-02-28', distance: 'half_marathon', priority: 'A' },
    now,
  );
  return athlete.id;
}

/** The planned days from today on, as stored. */
async function comingDays(database: Database, userId: number) {
  const programs = await database.prisma.weeklyProgram.findMany({
    where: { userId, weekStart: { gte: toUtcMidnight(mondayOf(TODAY)) } },
    orderBy: { weekStart: 'asc' },
  });
  return programs.flatMap((program) =>
    (program.days as { date: string }[]).filter((day) => day.date >= TODAY),
  );
}

/** Whether a transaction waits for the athlete's coaching lock (PostgreSQL's pg_locks). */
async function waitingForLock(database: Database, userId: number): Promise<boolean> {
  const [row] = await database.prisma.$queryRaw<{ waiting: number }[]>`
    SELECT count(*)::int AS waiting FROM pg_locks
    WHERE locktype = 'advisory' AND NOT granted AND classid = ${userId}::oid`;
  return (row?.waiting ?? 0) > 0;
}

describe.each(await testBackends())('runCoachingDay on $name', (backend) => {
  let database: Database;
  beforeAll(async () => {
    database = await backend.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("writes the plan and today's recommendation once, then finds the day done", async () => {
    const now = morningOf(TODAY);
    const userId = await runner(database, now);
    const first = await runCoachingDay(database.prisma, userId, 'ensure', now);
    expect(first.ran).toBe(true);
    expect(WORKOUT_TYPES).toContain(first.recommendation?.workoutType);

    const stored = await database.prisma.dailyRecommendation.findMany({ where: { userId } });
    expect(stored.map((row) => row.date)).toEqual([toUtcMidnight(TODAY)]);
    expect(stored[0]?.metricsSnapshot).toHaveProperty('prescription.workoutType');
    const weeks = await database.prisma.weeklyProgram.findMany({
      where: { userId },
      orderBy: { weekStart: 'asc' },
    });
    expect(weeks.length).toBeGreaterThan(10);
    expect(weeks.at(-1)?.stage).toBe('recovery');
    expect(readPlannedDays(weeks[0]?.days).map((day) => day.date)).toContain(TODAY);

    const again = await runCoachingDay(database.prisma, userId, 'ensure', now);
    expect(again.ran).toBe(false);
  });

  it('runs once when two instances ensure the same day at the same moment', async () => {
    const now = morningOf(TODAY);
    const userId = await runner(database, now);
    const runs = await Promise.all([
      runCoachingDay(database.prisma, userId, 'ensure', now),
      runCoachingDay(database.prisma, userId, 'ensure', now),
    ]);
    expect(runs.map((run) => run.ran).sort()).toEqual([false, true]);
    expect(await database.prisma.dailyRecommendation.count({ where: { userId } })).toBe(1);
  });

  // PostgreSQL only: on PGlite, one connection, the held transaction would hold up the test's own reads.
  it.runIf(backend.name === 'PostgreSQL')(
    'an older day run while today is being coached waits for it, and leaves its plan alone',
    async () => {
      const { prisma } = database;
      const now = morningOf(TODAY);
      const userId = await runner(database, now);
      await runCoachingDay(prisma, userId, 'ensure', now);
      const fromToday = await comingDays(database, userId);
      const today = await prisma.dailyRecommendation.findUniqueOrThrow({
        where: { userId_date: { userId, date: toUtcMidnight(TODAY) } },
      });
      await prisma.dailyRecommendation.delete({ where: { id: today.id } });

      // Today's run, under way: it holds the athlete's coaching lock and has not committed its mark.
      let commit = () => {};
      const committed = new Promise<void>((resolve) => {
        commit = resolve;
      });
      let locked = () => {};
      const holding = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const todaysRun = prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${userId}::int4, ${COACHING_LOCK}::int4)`;
        await tx.dailyRecommendation.create({
          data: {
            userId,
            date: today.date,
            workoutType: today.workoutType,
            prescribedWorkout: today.prescribedWorkout,
            rationale: today.rationale,
            metricsSnapshot: today.metricsSnapshot ?? {},
          },
        });
        locked();
        await committed;
      });
      await holding;
      // A catch-up reaches an older day meanwhile (last week's Monday).
      const olderDay = runCoachingDay(prisma, userId, 'ensure', morningOf(addDays(TODAY, -9)));
      let olderDone = false;
      void olderDay.then(() => {
        olderDone = true;
      });
      while (!olderDone && !(await waitingForLock(database, userId))) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      commit();
      await todaysRun;
      expect((await olderDay).ran).toBe(true);
      expect(await comingDays(database, userId)).toEqual(fromToday);
    },
  );

  it('an older day coached after a newer one gets its own session, and leaves the newer plan alone', async () => {
    const { prisma } = database;
    const userId = await runner(database, morningOf(TODAY));
    await runCoachingDay(prisma, userId, 'ensure', morningOf(TODAY));
    const fromToday = await comingDays(database, userId);
    // This week's Monday, as a catch-up would reach it: nothing stored for it yet.
    const monday = mondayOf(TODAY);
    const newerWeeks = { userId, weekStart: { gte: toUtcMidnight(monday) } };
    await prisma.weeklyProgram.updateMany({
      where: newerWeeks,
      data: { focus: 'the newer day’s' },
    });
    const older = await runCoachingDay(prisma, userId, 'ensure', morningOf(monday));
    expect(older.replanned).toBe(true);
    expect(older.recommendation?.rationale).not.toContain('no plan for today');
    const week = await prisma.weeklyProgram.findUniqueOrThrow({
      where: { userId_weekStart: { userId, weekStart: toUtcMidnight(monday) } },
    });
    expect(readPlannedDays(week.days).map((day) => day.date)).toContain(monday);
    expect(await comingDays(database, userId)).toEqual(fromToday);
    // The weeks the newer day planned keep its phase and focus, this one included.
    const focuses = (await prisma.weeklyProgram.findMany({ where: newerWeeks })).map(
      (w) => w.focus,
    );
    expect(new Set(focuses)).toEqual(new Set(['the newer day’s']));
  });

  it('a replan writes the coming weeks even when a later day was coached (a time zone moved west)', async () => {
    const { prisma } = database;
    const userId = await runner(database, morningOf(TODAY));
    await runCoachingDay(prisma, userId, 'ensure', morningOf(addDays(TODAY, 1)));
    const later = { userId, weekStart: { gt: toUtcMidnight(mondayOf(TODAY)) } };
    await prisma.weeklyProgram.updateMany({ where: later, data: { focus: 'the later day’s' } });
    const replan = await runCoachingDay(prisma, userId, 'replan', morningOf(TODAY));
    expect(replan.replanned).toBe(true);
    const weeks = await prisma.weeklyProgram.findMany({ where: later });
    expect(weeks.length).toBeGreaterThan(5);
    expect(weeks.map((week) => week.focus)).not.toContain('the later day’s');
  });

  it("scores yesterday the next day, rescores a day when a late activity arrives, and keeps past days' plan", async () => {
    const now = morningOf(TODAY);
    const userId = await runner(database, now);
    await runCoachingDay(database.prisma, userId, 'ensure', now);
    const weekBefore = await database.prisma.weeklyProgram.findFirstOrThrow({
      where: { userId },
      orderBy: { weekStart: 'asc' },
    });
    const planned = readPlannedDays(weekBefore.days).find((day) => day.date === TODAY);

    const tomorrow = addDays(TODAY, 1);
    const next = morningOf(tomorrow);
    const nextDay = await runCoachingDay(database.prisma, userId, 'ensure', next);
    expect(nextDay.ran).toBe(true);
    const autopsy = await database.prisma.autopsy.findUniqueOrThrow({
      where: { userId_date: { userId, date: toUtcMidnight(TODAY) } },
    });
    expect(autopsy.actualActivities).toMatch(/nothing|no activity|rest/i);

    // Two days later the athlete is back and uploads the run of that day.
    const later = morningOf(addDays(TODAY, 3));
    await createActivity(
      database.prisma,
      userId,
      { date: TODAY, time: '19:00', type: 'run', distance: 7, durationSeconds: 40 * 60 },
      later,
    );
    const rerun = await runCoachingDay(database.prisma, userId, 'refresh', later);
    expect(Object.keys(rerun.autopsyScores).sort()).toEqual([TODAY, tomorrow]);
    const rescored = await database.prisma.autopsy.findUniqueOrThrow({
      where: { userId_date: { userId, date: toUtcMidnight(TODAY) } },
    });
    expect(rescored.actualActivities).not.toBe(autopsy.actualActivities);
    expect(await database.prisma.autopsy.count({ where: { userId } })).toBe(2);

    const weekAfter = await database.prisma.weeklyProgram.findUniqueOrThrow({
      where: { userId_weekStart: { userId, weekStart: weekBefore.weekStart } },
    });
    expect(readPlannedDays(weekAfter.days).find((day) => day.date === TODAY)).toEqual(planned);
  });

  it('rests while a current injury is fresh, and gives the hard session back once it is resolved', async () => {
    const userId = await runner(database, morningOf(TODAY));
    await runCoachingDay(database.prisma, userId, 'replan', morningOf(TODAY));
    const week = await database.prisma.weeklyProgram.findFirstOrThrow({
      where: { userId, weekStart: { lte: toUtcMidnight(TODAY) } },
      orderBy: { weekStart: 'desc' },
    });
    // The first hard session of the week from today on: what the injury must not let through.
    const hardDay = readPlannedDays(week.days).find(
      (day) =>
        day.date >= TODAY && (HARD_WORKOUT_TYPES as ReadonlySet<string>).has(day.workoutType),
    );
    if (!hardDay) throw new Error('the plan has no hard session this week');
    const now = morningOf(hardDay.date);

    const planned = await runCoachingDay(database.prisma, userId, 'refresh', now);
    expect(planned.recommendation?.workoutType).toBe(hardDay.workoutType);

    const calf = await addMemory(
      database.prisma,
      userId,
      { kind: 'injury', text: 'Left calf tight', since: addDays(hardDay.date, -1) },
      now,
    );
    const injured = await runCoachingDay(database.prisma, userId, 'refresh', now);
    expect(injured.recommendation?.workoutType).toBe('rest');
    expect(injured.recommendation?.rationale).toContain(
      `the injury you noted since ${addDays(hardDay.date, -1)} is current`,
    );
    const stored = await database.prisma.dailyRecommendation.findUniqueOrThrow({
      where: { userId_date: { userId, date: toUtcMidnight(hardDay.date) } },
    });
    expect(stored.workoutType).toBe('rest');

    await updateMemory(
      database.prisma,
      userId,
      { id: calf.id, kind: 'injury', text: 'Left calf tight', since: calf.since, current: false },
      now,
    );
    const healed = await runCoachingDay(database.prisma, userId, 'refresh', now);
    expect(healed.recommendation?.workoutType).toBe(hardDay.workoutType);
  });
});
