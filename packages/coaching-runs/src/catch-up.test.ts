import { type Database, readPlannedDays } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import { addDays, dateRange, fromUtcMidnight, todayIn } from '@coach/metrics';
import { generateAthleteHistory, writeAthlete } from '@coach/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpCoaching } from './catch-up';

const TODAY = '2026-11-25';
// 2026-11-25 10:00 in Denver, the generated athlete's time zone.
const NOW = new Date('2026-11-25T17:00:00Z');
const FROM = addDays(TODAY, -20);

let database: Database;
let userId: number;
beforeAll(async () => {
  database = await openTestDatabase();
  const history = generateAthleteHistory({ seed: 5, days: 90, today: TODAY });
  ({ userId } = await writeAthlete(
    database.prisma,
    history,
    { email: 'catch-up@example.com', passwordHash: 'x' },
    NOW,
  ));
});
afterAll(() => database.close());

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
});
