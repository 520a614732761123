import { verifyPassword } from '@coach/auth';
import type { Database } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import { fromUtcMidnight } from '@coach/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED, seedDemoAthlete } from './demo';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

// 2026-11-25 10:00 in Denver.
const NOW = new Date('2026-11-25T17:00:00Z');
const LOGIN = { email: 'demo@example.com', password: 'demo-password' };

async function tableCounts() {
  const p = database.prisma;
  return {
    users: await p.user.count(),
    activities: await p.activity.count(),
    dailyMetrics: await p.dailyMetrics.count(),
    journal: await p.journalEntry.count(),
    recommendations: await p.dailyRecommendation.count(),
    autopsies: await p.autopsy.count(),
    raceGoals: await p.raceGoal.count(),
    raceHistory: await p.raceResult.count(),
    weeklyPrograms: await p.weeklyProgram.count(),
  };
}

describe('seedDemoAthlete', () => {
  it('creates the demo athlete with six months of training ending today', async () => {
    const result = await seedDemoAthlete(database.prisma, LOGIN, NOW);
    expect(result.created).toBe(true);

    const user = await database.prisma.user.findUniqueOrThrow({ where: { email: LOGIN.email } });
    expect(await verifyPassword('demo-password', user.passwordHash)).toBe(true);
    expect(user.timezone).toBe('America/Denver');

    const counts = await tableCounts();
    // ~26 weeks at 4–6 runs a week.
    expect(counts.activities).toBeGreaterThan(26 * 4);
    expect(counts.activities).toBe(result.activities);
    expect(counts.journal).toBeGreaterThan(182 * 0.7);
    // Only what an athlete records: the engines make the plan, recommendations and autopsies.
    expect(counts.recommendations).toBe(0);
    expect(counts.autopsies).toBe(0);
    expect(counts.weeklyPrograms).toBe(0);
    expect(counts.raceGoals).toBeGreaterThanOrEqual(3);
    expect(counts.raceHistory).toBeGreaterThanOrEqual(1);

    const latest = await database.prisma.dailyMetrics.findFirstOrThrow({
      where: { userId: user.id },
      orderBy: { date: 'desc' },
    });
    expect(fromUtcMidnight(latest.date)).toBe('2026-11-25');
    // Months of steady training: both ratios exist and sit in a plausible band.
    expect(latest.externalAcwr).toBeGreaterThan(0.5);
    expect(latest.externalAcwr).toBeLessThan(1.8);
    expect(latest.internalAcwr).toBeGreaterThan(0.5);
  });

  it('changes nothing when run again', async () => {
    const before = await tableCounts();
    const user = await database.prisma.user.findUniqueOrThrow({ where: { email: LOGIN.email } });

    const again = await seedDemoAthlete(
      database.prisma,
      LOGIN,
      new Date(NOW.getTime() + 3_600_000),
    );
    expect(again).toEqual({
      created: false,
      userId: user.id,
      activities: before.activities,
      added: 0,
    });
    expect(await tableCounts()).toEqual(before);
    expect(await database.prisma.user.findUniqueOrThrow({ where: { email: LOGIN.email } })).toEqual(
      user,
    );
  });

  it('brings a demo seeded days ago up to yesterday, from the same history, once', async () => {
    const days = 10;
    const then = new Date(NOW.getTime() - days * 86_400_000);
    const login = { email: 'older-demo@example.com', password: 'demo-password' };
    const { userId } = await seedDemoAthlete(database.prisma, login, then);
    const activityDays = async () =>
      (
        await database.prisma.activity.findMany({
          where: { userId },
          select: { localDate: true, sourceId: true },
          orderBy: { startTime: 'asc' },
        })
      ).map((row) => `${fromUtcMidnight(row.localDate)} ${row.sourceId}`);
    const seeded = await activityDays();
    expect((seeded.at(-1) ?? '').slice(0, 10) < '2026-11-15').toBe(true);

    const topped = await seedDemoAthlete(database.prisma, login, NOW);
    expect(topped.created).toBe(false);
    expect(topped.added).toBeGreaterThan(3);
    const after = await activityDays();
    expect(after.slice(0, seeded.length)).toEqual(seeded);
    expect(after).toHaveLength(seeded.length + topped.added);
    // The new days run to yesterday; today is not over.
    expect((after.at(-1) ?? '').slice(0, 10) <= '2026-11-24').toBe(true);
    expect((after.at(-1) ?? '').slice(0, 10) >= '2026-11-22').toBe(true);
    const metrics = await database.prisma.dailyMetrics.findFirstOrThrow({
      where: { userId },
      orderBy: { date: 'desc' },
    });
    expect(fromUtcMidnight(metrics.date)).toBe('2026-11-25');
    const journal = await database.prisma.journalEntry.count({
      where: { userId, entryDate: { gt: new Date('2026-11-15T00:00:00Z') } },
    });
    expect(journal).toBeGreaterThan(5);

    // The days added are the ones the generator gives a demo created on that day.
    const sourceIds = after.slice(seeded.length).map((row) => row.split(' ')[1]);
    expect(sourceIds.every((id) => id?.startsWith(`${DEMO_SEED}-2026-11-`))).toBe(true);

    const before = await tableCounts();
    const again = await seedDemoAthlete(
      database.prisma,
      login,
      new Date(NOW.getTime() + 3_600_000),
    );
    expect(again.added).toBe(0);
    expect(await tableCounts()).toEqual(before);
  });
});
