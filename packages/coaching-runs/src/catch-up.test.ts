import { type Database, readPlannedDays } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import {
  addDays,
  dateRange,
  fromUtcMidnight,
  mondayOf,
  todayIn,
  toUtcMidnight,
} from '@coach/metrics';
import { generateAthleteHistory, writeAthlete } from '@coach/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpCoaching } from './catch-up';
import { runCoachingDay } from './coaching-day';

const TODAY = '2026-11-25';
// 2026-11-25 10:00 in Denver, the generated athlete's time zone.
const NOW = new Date('2026-11-25T17:00:00Z');
const FROM = addDays(TODAY, -20);

let database: Database;
let userId: number;
/** The same generated athlete each time, under a new email. */
async function generatedAthlete(email: string): Promise<number> {
  const history = generateAthleteHistory({ seed: 5, days: 90, today: TODAY });
  const written = await writeAthlete(database.prisma, history, { email, passwordHash: 'x' }, NOW);
  return written.userId;
}
beforeAll(async () => {
  database = await openTestDatabase();
  userId = await generatedAthlete('catch-up@example.com');
});
afterAll(() => database.close());

/** The planned days from today on (the coming weeks), with each week's phase and focus. */
async function comingWeeks(athlete: number) {
  const programs = await database.prisma.weeklyProgram.findMany({
    where: { userId: athlete, weekStart: { gte: toUtcMidnight(mondayOf(TODAY)) } },
    orderBy: { weekStart: 'asc' },
  });
  return programs.map((program) => ({
    id: program.id,
    stage: program.stage,
    focus: program.focus,
    days: (program.days as { date: string }[]).filter((day) => day.date >= TODAY),
  }));
}

describe('catchUpCoaching', () => {
  it('coaches every day from `from` to today in order, each from the data of its morning', async () => {
    const coached = await catchUpCoaching(database.prisma, userId, FROM, NOW);
    expect(coached).toEqual(dateRange(FROM, TODAY));

    const { prisma } = database;
    const recommendations = await prisma.dailyRecommendation.findMany({
      where: { userId },
      orderBy: { date: 'asc' },
    });
    expect(recommendations.map((row) => fromUtcMidnight(row.date))).toEqual(coached);
    // Each day's recommendation rests on the metrics of the day before it, not of today.
    for (const row of recommendations) {
      expect(row.metricsSnapshot).toHaveProperty('date', addDays(fromUtcMidnight(row.date), -1));
    }
    // Every past day coached has its autopsy.
    const autopsies = await prisma.autopsy.findMany({
      where: { userId },
      orderBy: { date: 'asc' },
    });
    expect(autopsies.map((row) => fromUtcMidnight(row.date))).toEqual(coached.slice(0, -1));
    // The weeks already past keep the days as they were planned then: every day of the coached
    // weeks is in a program, up to the A race.
    const programs = await prisma.weeklyProgram.findMany({
      where: { userId },
      orderBy: { weekStart: 'asc' },
    });
    const plannedDays = programs.flatMap((program) => readPlannedDays(program.days));
    for (const day of coached) expect(plannedDays.map((d) => d.date)).toContain(day);
  });

  it('runs nothing the second time, and only the new day the next morning', async () => {
    expect(await catchUpCoaching(database.prisma, userId, FROM, NOW)).toEqual([]);
    const nextMorning = new Date(NOW.getTime() + 86_400_000);
    const tomorrow = todayIn('America/Denver', nextMorning);
    expect(await catchUpCoaching(database.prisma, userId, FROM, nextMorning)).toEqual([tomorrow]);
    const autopsy = await database.prisma.autopsy.findFirst({
      where: { userId },
      orderBy: { date: 'desc' },
    });
    expect(fromUtcMidnight(autopsy?.date ?? new Date(0))).toBe(TODAY);
  });

  it('leaves the plan alone from a day already coached: the request came before the catch-up', async () => {
    const athlete = await generatedAthlete('request-first@example.com');
    const request = await runCoachingDay(database.prisma, athlete, 'ensure', NOW);
    expect(request.replanned).toBe(true);
    const fromToday = await comingWeeks(athlete);

    const coached = await catchUpCoaching(database.prisma, athlete, FROM, NOW);
    expect(coached).toEqual(dateRange(FROM, addDays(TODAY, -1)));
    // The coming weeks are still the ones today's run wrote, not an older morning's view.
    expect(await comingWeeks(athlete)).toEqual(fromToday);
    // The older days got their plan, and every day before today its autopsy, yesterday's included.
    const programs = await database.prisma.weeklyProgram.findMany({ where: { userId: athlete } });
    const plannedDays = programs.flatMap((program) => readPlannedDays(program.days));
    for (const day of coached) expect(plannedDays.map((d) => d.date)).toContain(day);
    const autopsies = await database.prisma.autopsy.findMany({
      where: { userId: athlete },
      orderBy: { date: 'asc' },
    });
    expect(autopsies.map((row) => fromUtcMidnight(row.date))).toEqual(coached);
  });

  it('the catch-up first: the day’s request finds today coached and changes nothing', async () => {
    const athlete = await generatedAthlete('catch-up-first@example.com');
    expect(await catchUpCoaching(database.prisma, athlete, FROM, NOW)).toEqual(
      dateRange(FROM, TODAY),
    );
    const fromCatchUp = await comingWeeks(athlete);
    const request = await runCoachingDay(database.prisma, athlete, 'ensure', NOW);
    expect(request.ran).toBe(false);
    expect(await comingWeeks(athlete)).toEqual(fromCatchUp);
  });
});
