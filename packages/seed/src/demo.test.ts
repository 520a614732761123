import { verifyPassword } from '@coach/auth';
import type { Database } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import { fromUtcMidnight } from '@coach/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAthlete } from './demo';

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
    expect(counts.recommendations).toBe(182);
    expect(counts.journal).toBeGreaterThan(182 * 0.7);
    expect(counts.autopsies).toBeGreaterThan(50);
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

    const today = await database.prisma.dailyRecommendation.findUniqueOrThrow({
      where: { userId_date: { userId: user.id, date: new Date('2026-11-25T00:00:00Z') } },
    });
    expect(today.prescribedWorkout.length).toBeGreaterThan(10);
    expect(today.metricsSnapshot).toHaveProperty('externalAcwr');
  });

  it('changes nothing when run again', async () => {
    const before = await tableCounts();
    const user = await database.prisma.user.findUniqueOrThrow({ where: { email: LOGIN.email } });

    const again = await seedDemoAthlete(
      database.prisma,
      LOGIN,
      new Date(NOW.getTime() + 3_600_000),
    );
    expect(again).toEqual({ created: false, userId: user.id, activities: before.activities });
    expect(await tableCounts()).toEqual(before);
    expect(await database.prisma.user.findUniqueOrThrow({ where: { email: LOGIN.email } })).toEqual(
      user,
    );
  });
});
