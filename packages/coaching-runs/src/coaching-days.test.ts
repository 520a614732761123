import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoachingDays } from './coaching-days';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

function recordingLogger() {
  const warnings: object[] = [];
  return { warnings, warn: (details: object) => void warnings.push(details) };
}

describe('CoachingDays', () => {
  it('runs once per athlete and local day on an instance, concurrent first requests included', async () => {
    const logger = recordingLogger();
    const days = new CoachingDays(database.prisma, logger);
    const athlete = await createTestAthlete(database.prisma, { timezone: 'UTC' });
    const morning = new Date('2026-11-25T07:00:00Z');
    await Promise.all([
      days.ensureToday(athlete.id, 'UTC', morning),
      days.ensureToday(athlete.id, 'UTC', morning),
    ]);
    await database.prisma.dailyRecommendation.deleteMany({ where: { userId: athlete.id } });
    // Known done on this instance: no second run, even with the mark gone.
    await days.ensureToday(athlete.id, 'UTC', new Date('2026-11-25T20:00:00Z'));
    expect(await database.prisma.dailyRecommendation.count({ where: { userId: athlete.id } })).toBe(
      0,
    );
    await days.ensureToday(athlete.id, 'UTC', new Date('2026-11-26T07:00:00Z'));
    expect(await database.prisma.dailyRecommendation.count({ where: { userId: athlete.id } })).toBe(
      1,
    );
    expect(logger.warnings).toEqual([]);
  });

  it('logs a failed run instead of failing the request, and tries again on the next one', async () => {
    const logger = recordingLogger();
    const days = new CoachingDays(database.prisma, logger);
    const morning = new Date('2026-11-25T07:00:00Z');
    await days.ensureToday(2_000_000_000, 'UTC', morning);
    await days.ensureToday(2_000_000_000, 'UTC', morning);
    expect(logger.warnings).toHaveLength(2);
    expect(logger.warnings[0]).toMatchObject({ userId: 2_000_000_000, mode: 'ensure' });
  });
});
