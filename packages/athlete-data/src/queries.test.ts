import type { Database } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import {
  ACWR_DANGER_ZONE,
  ACWR_OPTIMAL_ZONE,
  addDays,
  assessTrainingState,
  daysBetween,
  fromUtcMidnight,
  instantAt,
  type LocalDate,
  mondayOf,
  thresholdsFor,
  todayIn,
  toUtcMidnight,
  weekdayOf,
} from '@coach/metrics';
import { generateAthleteHistory, generateAthletes, writeAthlete } from '@coach/seed';
import { recordActivities } from '@coach/training';
import { testRun } from '@coach/training/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownAthleteError } from './athlete';
import { upsertJournal } from './journal';
import { getLatestAutopsy, getTodaysWorkout, getWeekProgram } from './plan';
import { getRaceGoals, getRaceHistory } from './races';
import { getAcwrSeries, getCurrentMetrics, STATUS_TEXT } from './training-state';

// 2026-11-25 10:00 in Denver, the generator's default timezone.
const TODAY = '2026-11-25';
const NOW = new Date('2026-11-25T17:00:00Z');

let database: Database;
/** seeded, 182 days, Denver */
let athleteA: number;
/** seeded, 120 days, another profile and timezone */
let athleteB: number;
/** signed up, nothing logged */
let emptyAthlete: number;

beforeAll(async () => {
  database = await openTestDatabase();
  const prisma = database.prisma;
  ({ userId: athleteA } = await writeAthlete(
    prisma,
    generateAthleteHistory({ seed: 1, days: 182, today: TODAY }),
    { email: 'a@queries.test', passwordHash: 'unused' },
    NOW,
  ));
  const other = generateAthletes(2, { today: TODAY, days: 120, seed: 7 })[1];
  if (!other) throw new Error('the generator made no second athlete');
  ({ userId: athleteB } = await writeAthlete(
    prisma,
    other,
    { email: 'b@queries.test', passwordHash: 'unused' },
    NOW,
  ));
  await writeCoaching(athleteA, 'A');
  await writeCoaching(athleteB, 'B');
  ({ id: emptyAthlete } = await prisma.user.create({
    data: {
      email: 'empty@queries.test',
      passwordHash: 'unused',
      displayName: 'New Runner',
      timezone: 'America/Denver',
    },
  }));
}, 180_000);
afterAll(() => database.close());

/**
 * What the coaching engines store for an athlete (they live in a package that reads through this
 * one, so these readers' tests write the rows themselves): this week's and next week's programs,
 * today's recommendation and the autopsies of the three days before.
 */
async function writeCoaching(userId: number, label: string): Promise<void> {
  const prisma = database.prisma;
  const today = await todayOf(userId);
  for (const weekStart of [mondayOf(today), addDays(mondayOf(today), 7)]) {
    const days = Array.from({ length: 7 }, (_, i) => {
      const date = addDays(weekStart, i);
      const rest = i === 0 || i === 4;
      return {
        date,
        workoutType: rest ? 'rest' : i === 6 ? 'long' : 'easy',
        description: rest ? 'Rest day' : `${8 + i} km ${i === 6 ? 'long run' : 'easy'} (${label})`,
        plannedDistanceMeters: rest ? 0 : (8 + i) * 1000,
        plannedMinutes: rest ? 0 : (8 + i) * 6,
      };
    });
    await prisma.weeklyProgram.create({
      data: {
        userId,
        weekStart: toUtcMidnight(weekStart),
        stage: 'build',
        focus: `Threshold work and a growing long run (${label})`,
        days,
      },
    });
  }
  await prisma.dailyRecommendation.create({
    data: {
      userId,
      date: toUtcMidnight(today),
      workoutType: 'easy',
      prescribedWorkout: `8 km easy (${label})`,
      rationale: `Internal ACWR 1.05 is in the optimal zone (${label}).`,
      metricsSnapshot: {},
    },
  });
  for (const back of [3, 2, 1]) {
    await prisma.autopsy.create({
      data: {
        userId,
        date: toUtcMidnight(addDays(today, -back)),
        prescribedAction: '10 km easy',
        actualActivities: '10.2 km run in 58:40',
        alignmentScore: 6 + back,
        autopsyAnalysis: `Done as prescribed, ${back} days ago (${label}).`,
      },
    });
  }
}

async function todayOf(userId: number): Promise<LocalDate> {
  const { timezone } = await database.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return todayIn(timezone, NOW);
}

function rounded(value: number | null, digits: number): number | null {
  return value === null ? null : Number(value.toFixed(digits));
}

function expectPlainJson(value: unknown): void {
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
}

describe('getCurrentMetrics', () => {
  it.each([
    ['A', () => athleteA],
    ['B', () => athleteB],
  ])(
    'athlete %s in the morning: yesterday’s stored row (today has no activity yet), rounded, assessed',
    async (_, id) => {
      const userId = id();
      const prisma = database.prisma;
      const today = await todayOf(userId);
      const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
      // The generated history has nothing on today yet: its row is a day of zero load so far.
      expect(
        await prisma.activity.count({ where: { userId, localDate: toUtcMidnight(today) } }),
      ).toBe(0);
      expect(
        await prisma.dailyMetrics.count({ where: { userId, date: toUtcMidnight(today) } }),
      ).toBe(1);
      const yesterday = addDays(today, -1);
      const row = await prisma.dailyMetrics.findUniqueOrThrow({
        where: { userId_date: { userId, date: toUtcMidnight(yesterday) } },
      });
      // Pain is still read up to today.
      const pain = await prisma.journalEntry.findMany({
        where: {
          userId,
          entryDate: { gte: toUtcMidnight(addDays(today, -2)), lte: toUtcMidnight(today) },
        },
      });
      const first = await prisma.activity.findFirstOrThrow({
        where: { userId },
        orderBy: { localDate: 'asc' },
      });

      const metrics = await getCurrentMetrics(prisma, userId, NOW);
      const assessment = assessTrainingState({
        today: { ...row, date: today },
        thresholds: thresholdsFor(user.riskTolerance),
        recentPain: pain.map((p) => ({
          date: fromUtcMidnight(p.entryDate),
          painPercentage: p.painPercentage,
        })),
      });
      expect(metrics).toEqual({
        date: yesterday,
        asOf: 'yesterday',
        upToDate: false,
        // ratios to 2 decimals, divergence to 3, loads to 1
        externalAcwr: rounded(row.externalAcwr, 2),
        internalAcwr: rounded(row.internalAcwr, 2),
        externalAcwrEwma: rounded(row.externalAcwrEwma, 2),
        internalAcwrEwma: rounded(row.internalAcwrEwma, 2),
        normalizedDivergence: rounded(row.normalizedDivergence, 3),
        daysSinceRest: row.daysSinceRest,
        externalLoad: rounded(row.externalLoad, 1),
        internalLoad: rounded(row.internalLoad, 1),
        externalAcuteLoad: rounded(row.externalAcuteLoad, 1),
        externalChronicLoad: rounded(row.externalChronicLoad, 1),
        internalAcuteLoad: rounded(row.internalAcuteLoad, 1),
        internalChronicLoad: rounded(row.internalChronicLoad, 1),
        riskTolerance: user.riskTolerance,
        thresholds: { ...thresholdsFor(user.riskTolerance) },
        optimalZone: { min: ACWR_OPTIMAL_ZONE.min, max: ACWR_OPTIMAL_ZONE.max },
        dangerZone: ACWR_DANGER_ZONE,
        assessment,
        statusText: STATUS_TEXT[assessment.status],
        disclaimer: expect.stringMatching(/not an injury prediction/),
        historyDays: daysBetween(fromUtcMidnight(first.localDate), yesterday) + 1,
      });
      // A seeded history is months long: the ratios exist.
      expect(metrics?.externalAcwr).toEqual(expect.any(Number));
      expect(metrics?.historyDays).toBeGreaterThanOrEqual(28);
      expectPlainJson(metrics);
    },
  );

  it('is null for an athlete with no metrics yet', async () => {
    expect(await getCurrentMetrics(database.prisma, emptyAthlete, NOW)).toBeNull();
  });

  it('throws UnknownAthleteError for an id that does not exist', async () => {
    await expect(getCurrentMetrics(database.prisma, 987_654, NOW)).rejects.toBeInstanceOf(
      UnknownAthleteError,
    );
  });

  describe('a hand-made athlete: 35 identical days of running', () => {
    let userId: number;
    const last = '2026-11-20';
    beforeAll(async () => {
      ({ id: userId } = await database.prisma.user.create({
        data: {
          email: 'steady@queries.test',
          passwordHash: 'unused',
          displayName: 'Steady Runner',
          timezone: 'Europe/Berlin',
          riskTolerance: 'conservative',
          restingHeartRate: 50,
          maxHeartRate: 190,
        },
      }));
      // Every day 2026-10-17 .. 2026-11-20 at 07:00 in Berlin, recorded on the evening of the last day.
      const days = Array.from({ length: 35 }, (_, i) => addDays('2026-10-17', i));
      await recordActivities(
        database.prisma,
        userId,
        days.map((date) =>
          testRun(date, { sourceId: date, startTime: instantAt(date, 7, 0, 'Europe/Berlin') }),
        ),
        instantAt(last, 20, 0, 'Europe/Berlin'),
      );
    });

    it('shows the latest stored day when nothing is stored for today, and says so', async () => {
      const metrics = await getCurrentMetrics(database.prisma, userId, NOW);
      // Stored through 2026-11-20; today in Berlin is 2026-11-25.
      expect(metrics).toMatchObject({
        date: last,
        asOf: 'earlier',
        upToDate: false,
        externalAcwr: 1,
        internalAcwr: 1,
        normalizedDivergence: 0,
        daysSinceRest: 35,
        riskTolerance: 'conservative',
        historyDays: 35,
      });
      // 35 days without rest is over the conservative maximum of 6.
      expect(metrics?.assessment.status).toBe('mandatory_rest');
      expect(metrics?.statusText).toBe('Time for a rest day.');
    });

    it('counts pain of two consecutive recent days, but not old pain', async () => {
      const prisma = database.prisma;
      // Lower the bar so days without rest do not decide the status.
      await prisma.user.update({ where: { id: userId }, data: { riskTolerance: 'balanced' } });
      await prisma.dailyMetrics.updateMany({ where: { userId }, data: { daysSinceRest: 1 } });
      await upsertJournal(prisma, userId, { date: '2026-11-01', painPercentage: 80 }, NOW);
      await upsertJournal(prisma, userId, { date: '2026-11-02', painPercentage: 80 }, NOW);
      expect((await getCurrentMetrics(prisma, userId, NOW))?.assessment.status).toBe('normal');

      await upsertJournal(prisma, userId, { date: '2026-11-24', painPercentage: 60 }, NOW);
      await upsertJournal(prisma, userId, { date: TODAY, painPercentage: 80 }, NOW);
      const metrics = await getCurrentMetrics(prisma, userId, NOW);
      expect(metrics?.assessment).toEqual({
        status: 'mandatory_rest',
        reasons: [expect.stringContaining('Pain at 60% on 2026-11-24 and 80% on 2026-11-25')],
      });
      expect(metrics?.statusText).toBe('Time for a rest day.');
    });
  });
});

describe('getAcwrSeries', () => {
  it('gives at most 90 stored days, oldest first, ending today, equal to the stored rows', async () => {
    const prisma = database.prisma;
    const today = await todayOf(athleteA);
    const series = await getAcwrSeries(prisma, athleteA, undefined, NOW);
    expect(series.length).toBeGreaterThan(0);
    expect(series.length).toBeLessThanOrEqual(90);
    expect(series.at(-1)?.date).toBe(today);
    expect(series[0]?.date).toBe(addDays(today, -89));
    for (let i = 1; i < series.length; i++) {
      expect(daysBetween(series[i - 1]?.date ?? '', series[i]?.date ?? '')).toBeGreaterThan(0);
    }
    const rows = await prisma.dailyMetrics.findMany({
      where: { userId: athleteA, date: { gte: toUtcMidnight(addDays(today, -89)) } },
      orderBy: { date: 'asc' },
    });
    expect(series).toEqual(
      rows.map((row) => ({
        date: fromUtcMidnight(row.date),
        externalAcwr: rounded(row.externalAcwr, 2),
        internalAcwr: rounded(row.internalAcwr, 2),
        externalAcwrEwma: rounded(row.externalAcwrEwma, 2),
        internalAcwrEwma: rounded(row.internalAcwrEwma, 2),
        normalizedDivergence: rounded(row.normalizedDivergence, 3),
        externalLoad: rounded(row.externalLoad, 1),
        internalLoad: rounded(row.internalLoad, 1),
      })),
    );
    expectPlainJson(series);
  });

  it('takes another length, and refuses a length that is not a whole number of days', async () => {
    const series = await getAcwrSeries(database.prisma, athleteB, 7, NOW);
    expect(series.map((point) => point.date)).toEqual(
      Array.from({ length: 7 }, (_, i) => addDays(TODAY, i - 6)),
    );
    for (const days of [0, -3, 2.5, 10_000]) {
      await expect(getAcwrSeries(database.prisma, athleteB, days, NOW)).rejects.toBeInstanceOf(
        RangeError,
      );
    }
  });

  it('leaves out days without a stored row', async () => {
    const prisma = database.prisma;
    const today = await todayOf(athleteB);
    const gap = addDays(today, -3);
    const row = await prisma.dailyMetrics.findUniqueOrThrow({
      where: { userId_date: { userId: athleteB, date: toUtcMidnight(gap) } },
    });
    await prisma.dailyMetrics.delete({
      where: { userId_date: { userId: athleteB, date: row.date } },
    });
    try {
      const dates = (await getAcwrSeries(prisma, athleteB, 7, NOW)).map((point) => point.date);
      expect(dates).toHaveLength(6);
      expect(dates).not.toContain(gap);
    } finally {
      await prisma.dailyMetrics.create({ data: row });
    }
  });

  it('is empty for an athlete with no metrics', async () => {
    expect(await getAcwrSeries(database.prisma, emptyAthlete, 90, NOW)).toEqual([]);
  });
});

describe('today while it is still going on', () => {
  // Six weeks of 8 km a day, then a week at 16 km: yesterday's acute load is well above
  // the chronic, and a zero-load morning row would understate it.
  const TZ = 'Europe/Berlin';
  const yesterday = addDays(TODAY, -1);
  let userId: number;
  beforeAll(async () => {
    ({ id: userId } = await database.prisma.user.create({
      data: {
        email: 'morning@queries.test',
        passwordHash: 'unused',
        displayName: 'Morning Runner',
        timezone: TZ,
        restingHeartRate: 50,
        maxHeartRate: 190,
      },
    }));
    const days = Array.from({ length: 49 }, (_, i) => addDays(TODAY, i - 49));
    await recordActivities(
      database.prisma,
      userId,
      days.map((date, i) =>
        testRun(date, {
          sourceId: date,
          startTime: instantAt(date, 7, 0, TZ),
          distanceMeters: i < 42 ? 8000 : 16_000,
          movingTimeSeconds: i < 42 ? 2700 : 5400,
        }),
      ),
      instantAt(TODAY, 6, 0, TZ),
    );
  });
  const stored = (date: string) =>
    database.prisma.dailyMetrics.findUniqueOrThrow({
      where: { userId_date: { userId, date: toUtcMidnight(date) } },
    });

  it('before today’s first activity: the metrics of yesterday, the last complete day, said so', async () => {
    const morning = instantAt(TODAY, 8, 0, TZ);
    const [evening, zeroDay] = [await stored(yesterday), await stored(TODAY)];
    // The stored row of today counts the unfinished day as rest.
    expect(zeroDay.daysSinceRest).toBe(0);
    expect(zeroDay.internalAcwr ?? 0).toBeLessThan(evening.internalAcwr ?? 0);

    const metrics = await getCurrentMetrics(database.prisma, userId, morning);
    expect(metrics).toMatchObject({
      date: yesterday,
      asOf: 'yesterday',
      upToDate: false,
      internalAcwr: rounded(evening.internalAcwr, 2),
      externalAcwr: rounded(evening.externalAcwr, 2),
      daysSinceRest: evening.daysSinceRest,
    });
    expect(metrics?.daysSinceRest).toBe(49);
    expect(metrics?.internalAcwr).toBeGreaterThan(1.3);
  });

  it('once today has an activity: today’s metrics', async () => {
    const noon = instantAt(TODAY, 12, 0, TZ);
    await recordActivities(
      database.prisma,
      userId,
      [testRun(TODAY, { sourceId: TODAY, startTime: instantAt(TODAY, 10, 0, TZ) })],
      noon,
    );
    const today = await stored(TODAY);
    const metrics = await getCurrentMetrics(database.prisma, userId, noon);
    expect(metrics).toMatchObject({
      date: TODAY,
      asOf: 'today',
      upToDate: true,
      internalAcwr: rounded(today.internalAcwr, 2),
      daysSinceRest: 50,
    });
  });

  it('the next morning: the day that just ended, as of yesterday', async () => {
    const tomorrow = addDays(TODAY, 1);
    const morning = instantAt(tomorrow, 8, 0, TZ);
    const metrics = await getCurrentMetrics(database.prisma, userId, morning);
    expect(metrics).toMatchObject({ date: TODAY, asOf: 'yesterday', daysSinceRest: 50 });
  });
});

describe('getTodaysWorkout', () => {
  it('gives today’s recommendation with today’s planned session', async () => {
    const prisma = database.prisma;
    const today = await todayOf(athleteA);
    const recommendation = await prisma.dailyRecommendation.findUniqueOrThrow({
      where: { userId_date: { userId: athleteA, date: toUtcMidnight(today) } },
    });
    const program = await prisma.weeklyProgram.findUniqueOrThrow({
      where: {
        userId_weekStart: { userId: athleteA, weekStart: toUtcMidnight(mondayOf(today)) },
      },
    });
    const planned = (program.days as Record<string, unknown>[]).find((d) => d.date === today);

    const workout = await getTodaysWorkout(prisma, athleteA, NOW);
    expect(workout).toEqual({
      date: today,
      source: 'recommendation',
      workoutType: recommendation.workoutType,
      prescribedWorkout: recommendation.prescribedWorkout,
      rationale: recommendation.rationale,
      narrative: null,
      planned: {
        workoutType: planned?.workoutType,
        description: planned?.description,
        plannedDistanceMeters: planned?.plannedDistanceMeters,
        plannedMinutes: planned?.plannedMinutes,
      },
    });
    expectPlainJson(workout);
  });

  it('falls back to the planned session when no recommendation was made', async () => {
    const prisma = database.prisma;
    const today = await todayOf(athleteB);
    const key = { userId_date: { userId: athleteB, date: toUtcMidnight(today) } };
    const recommendation = await prisma.dailyRecommendation.findUniqueOrThrow({ where: key });
    await prisma.dailyRecommendation.delete({ where: key });
    try {
      const workout = await getTodaysWorkout(prisma, athleteB, NOW);
      expect(workout?.source).toBe('plan');
      expect(workout?.planned).not.toBeNull();
      expect(workout?.workoutType).toBe(workout?.planned?.workoutType);
      expect(workout?.prescribedWorkout).toBe(workout?.planned?.description);
    } finally {
      await prisma.dailyRecommendation.create({ data: { ...recommendation, metricsSnapshot: {} } });
    }
  });

  it('is null with neither a recommendation nor a plan', async () => {
    expect(await getTodaysWorkout(database.prisma, emptyAthlete, NOW)).toBeNull();
  });
});

describe('getLatestAutopsy', () => {
  it('gives the latest autopsy on or before today', async () => {
    const prisma = database.prisma;
    const today = await todayOf(athleteA);
    const latest = await prisma.autopsy.findFirstOrThrow({
      where: { userId: athleteA },
      orderBy: { date: 'desc' },
    });
    const autopsy = await getLatestAutopsy(prisma, athleteA, NOW);
    expect(autopsy).toEqual({
      date: fromUtcMidnight(latest.date),
      alignmentScore: latest.alignmentScore,
      prescribedAction: latest.prescribedAction,
      actualActivities: latest.actualActivities,
      analysis: latest.autopsyAnalysis,
      narrative: null,
    });
    expect(daysBetween(autopsy?.date ?? '', today)).toBeGreaterThanOrEqual(0);
    expectPlainJson(autopsy);
  });

  it('ignores an autopsy dated after today', async () => {
    const prisma = database.prisma;
    const before = await getLatestAutopsy(prisma, athleteB, NOW);
    const future = await prisma.autopsy.create({
      data: {
        userId: athleteB,
        date: toUtcMidnight(addDays(TODAY, 2)),
        prescribedAction: 'Long run',
        actualActivities: 'None yet',
        alignmentScore: 5,
        autopsyAnalysis: 'From the future',
      },
    });
    try {
      expect(await getLatestAutopsy(prisma, athleteB, NOW)).toEqual(before);
    } finally {
      await prisma.autopsy.delete({ where: { id: future.id } });
    }
  });

  it('is null without autopsies', async () => {
    expect(await getLatestAutopsy(database.prisma, emptyAthlete, NOW)).toBeNull();
  });
});

describe('getWeekProgram', () => {
  it('gives this week’s program with today and the days done marked', async () => {
    const prisma = database.prisma;
    const today = await todayOf(athleteA);
    const weekStart = mondayOf(today);
    const program = await prisma.weeklyProgram.findUniqueOrThrow({
      where: { userId_weekStart: { userId: athleteA, weekStart: toUtcMidnight(weekStart) } },
    });
    const activities = await prisma.activity.findMany({
      where: {
        userId: athleteA,
        localDate: { gte: toUtcMidnight(weekStart), lte: toUtcMidnight(addDays(weekStart, 6)) },
      },
    });
    const doneDates = new Set(activities.map((a) => fromUtcMidnight(a.localDate)));
    const stored = program.days as {
      date: string;
      workoutType: string;
      description: string;
      plannedDistanceMeters: number;
      plannedMinutes: number;
    }[];

    const week = await getWeekProgram(prisma, athleteA, NOW);
    expect(week).toEqual({
      weekStart,
      stage: program.stage,
      focus: program.focus,
      days: stored.map((day) => ({
        date: day.date,
        weekday: weekdayOf(day.date),
        workoutType: day.workoutType,
        description: day.description,
        plannedDistanceMeters: day.plannedDistanceMeters,
        plannedMinutes: day.plannedMinutes,
        isToday: day.date === today,
        done: doneDates.has(day.date),
      })),
    });
    expect(week?.days).toHaveLength(7);
    expect(week?.days[0]?.weekday).toBe('Monday');
    expect(week?.days.filter((day) => day.isToday).map((day) => day.date)).toEqual([today]);
    // The seed logs activities before today only; earlier days of the week with a session are done.
    expect(week?.days.find((day) => day.isToday)?.done).toBe(false);
    expect(week?.days.some((day) => day.done)).toBe(doneDates.size > 0);
    expectPlainJson(week);
  });

  it('is null without a program for this week', async () => {
    expect(await getWeekProgram(database.prisma, emptyAthlete, NOW)).toBeNull();
  });
});

describe('race goals and history', () => {
  it('gives the goals from today on, soonest first, with the days to go', async () => {
    const prisma = database.prisma;
    const today = await todayOf(athleteA);
    const stored = await prisma.raceGoal.findMany({
      where: { userId: athleteA, raceDate: { gte: toUtcMidnight(today) } },
      orderBy: [{ raceDate: 'asc' }, { id: 'asc' }],
    });
    expect(stored.length).toBeGreaterThan(0);
    const goals = await getRaceGoals(prisma, athleteA, NOW);
    expect(goals).toEqual(
      stored.map((goal) => ({
        id: goal.id,
        name: goal.name,
        raceDate: fromUtcMidnight(goal.raceDate),
        distanceMeters: goal.distanceMeters,
        targetTimeSeconds: goal.targetTimeSeconds,
        priority: goal.priority,
        notes: goal.notes,
        daysToGo: daysBetween(today, fromUtcMidnight(goal.raceDate)),
      })),
    );
    expect(goals.every((goal) => goal.daysToGo >= 0)).toBe(true);
    expectPlainJson(goals);
  });

  it('counts a race today and leaves out a race yesterday', async () => {
    const prisma = database.prisma;
    const today = await todayOf(athleteB);
    const created = await Promise.all(
      [
        ['Race today', today],
        ['Race yesterday', addDays(today, -1)],
      ].map(([name, date]) =>
        prisma.raceGoal.create({
          data: {
            userId: athleteB,
            name: name ?? '',
            raceDate: toUtcMidnight(date ?? ''),
            distanceMeters: 5000,
            priority: 'C',
          },
        }),
      ),
    );
    try {
      const goals = await getRaceGoals(prisma, athleteB, NOW);
      expect(goals[0]).toMatchObject({ name: 'Race today', raceDate: today, daysToGo: 0 });
      expect(goals.map((goal) => goal.name)).not.toContain('Race yesterday');
    } finally {
      await prisma.raceGoal.deleteMany({ where: { id: { in: created.map((goal) => goal.id) } } });
    }
  });

  it('gives the last ten results, most recent first', async () => {
    const prisma = database.prisma;
    const stored = await prisma.raceResult.findMany({
      where: { userId: athleteA },
      orderBy: [{ raceDate: 'desc' }, { id: 'desc' }],
      take: 10,
    });
    const history = await getRaceHistory(prisma, athleteA, NOW);
    expect(history).toEqual(
      stored.map((result) => ({
        id: result.id,
        name: result.name,
        raceDate: fromUtcMidnight(result.raceDate),
        distanceMeters: result.distanceMeters,
        finishTimeSeconds: result.finishTimeSeconds,
        notes: result.notes,
      })),
    );
    expect(history.length).toBeLessThanOrEqual(10);
    expectPlainJson(history);
  });

  it('keeps only ten of many results', async () => {
    const prisma = database.prisma;
    const { id: userId } = await prisma.user.create({
      data: { email: 'racer@queries.test', passwordHash: 'unused', displayName: 'Racer' },
    });
    await prisma.raceResult.createMany({
      data: Array.from({ length: 15 }, (_, i) => ({
        userId,
        name: `Parkrun ${i + 1}`,
        raceDate: toUtcMidnight(addDays('2026-01-03', 7 * i)),
        distanceMeters: 5000,
        finishTimeSeconds: 1300 - i,
      })),
    });
    const history = await getRaceHistory(prisma, userId, NOW);
    expect(history.map((result) => result.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Parkrun ${15 - i}`),
    );
  });

  it('are empty for an athlete with no races', async () => {
    expect(await getRaceGoals(database.prisma, emptyAthlete, NOW)).toEqual([]);
    expect(await getRaceHistory(database.prisma, emptyAthlete, NOW)).toEqual([]);
  });
});

describe('athletes never see each other’s data', () => {
  it('every query for one athlete reads only that athlete’s rows', async () => {
    const prisma = database.prisma;
    const [goalsA, goalsB, historyA, historyB] = await Promise.all([
      getRaceGoals(prisma, athleteA, NOW),
      getRaceGoals(prisma, athleteB, NOW),
      getRaceHistory(prisma, athleteA, NOW),
      getRaceHistory(prisma, athleteB, NOW),
    ]);
    const ownGoals = async (userId: number) =>
      new Set((await prisma.raceGoal.findMany({ where: { userId } })).map((g) => g.id));
    const ownResults = async (userId: number) =>
      new Set((await prisma.raceResult.findMany({ where: { userId } })).map((r) => r.id));
    const [goalIdsA, goalIdsB, resultIdsA, resultIdsB] = await Promise.all([
      ownGoals(athleteA),
      ownGoals(athleteB),
      ownResults(athleteA),
      ownResults(athleteB),
    ]);
    expect(goalsA.every((goal) => goalIdsA.has(goal.id))).toBe(true);
    expect(goalsB.every((goal) => goalIdsB.has(goal.id))).toBe(true);
    expect(historyA.every((result) => resultIdsA.has(result.id))).toBe(true);
    expect(historyB.every((result) => resultIdsB.has(result.id))).toBe(true);
    expect(goalsA.length + goalsB.length).toBeGreaterThan(0);

    // The empty athlete gets nothing even though the others have data on the same days.
    expect(await getCurrentMetrics(prisma, emptyAthlete, NOW)).toBeNull();
    expect(await getAcwrSeries(prisma, emptyAthlete, 90, NOW)).toEqual([]);

    // Metrics, workout, autopsy and program of A equal A's rows (checked above) and differ from B's.
    const [metricsA, metricsB] = await Promise.all([
      getCurrentMetrics(prisma, athleteA, NOW),
      getCurrentMetrics(prisma, athleteB, NOW),
    ]);
    expect(metricsA).not.toEqual(metricsB);
    const [autopsyA, autopsyB] = await Promise.all([
      getLatestAutopsy(prisma, athleteA, NOW),
      getLatestAutopsy(prisma, athleteB, NOW),
    ]);
    expect(autopsyA?.analysis).not.toBe(autopsyB?.analysis);
  });

  it('an athlete’s only race goal is not shown to another athlete', async () => {
    const prisma = database.prisma;
    const { id: loner } = await prisma.user.create({
      data: { email: 'loner@queries.test', passwordHash: 'unused', displayName: 'Loner' },
    });
    await prisma.raceGoal.create({
      data: {
        userId: loner,
        name: 'Secret marathon',
        raceDate: toUtcMidnight('2027-04-18'),
        distanceMeters: 42_195,
        priority: 'A',
      },
    });
    await prisma.journalEntry.create({
      data: { userId: loner, entryDate: toUtcMidnight(TODAY), notes: 'private' },
    });
    expect((await getRaceGoals(prisma, loner, NOW)).map((goal) => goal.name)).toEqual([
      'Secret marathon',
    ]);
    for (const userId of [athleteA, athleteB, emptyAthlete]) {
      const names = (await getRaceGoals(prisma, userId, NOW)).map((goal) => goal.name);
      expect(names).not.toContain('Secret marathon');
    }
    expect(await getWeekProgram(prisma, loner, NOW)).toBeNull();
    expect(await getCurrentMetrics(prisma, loner, NOW)).toBeNull();
  });
});
