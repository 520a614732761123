import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { addDays, fromUtcMidnight, instantAt } from '@coach/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteActivity, recordActivities, updateActivity } from './activities';
import { recomputeDailyMetrics } from './daily-metrics';
import { testRun } from './testing';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

function createAthlete(timezone = 'America/Denver') {
  return createTestAthlete(database.prisma, {
    timezone,
    restingHeartRate: 50,
    maxHeartRate: 190,
    sex: 'male',
  });
}

const NOW = new Date('2026-03-31T18:00:00Z'); // 12:00 in Denver on 2026-03-31

describe('recordActivities', () => {
  it('stores loads and keeps daily metrics up to today', async () => {
    const athlete = await createAthlete();
    // 28 identical days, 2026-03-04 .. 2026-03-31.
    const days = Array.from({ length: 28 }, (_, i) => addDays('2026-03-04', i));
    expect(
      await recordActivities(
        database.prisma,
        athlete.id,
        days.map((d) => testRun(d)),
        NOW,
      ),
    ).toEqual({
      added: 28,
    });

    const stored = await database.prisma.activity.findFirstOrThrow({
      where: { userId: athlete.id },
    });
    // 10,000 m / 1,609.344 m per mile = 6.2137 mi, no climb.
    expect(stored.externalLoad).toBeCloseTo(6.2137, 4);
    // HRr = (140 − 50) / (190 − 50) = 0.642857; 60 × 0.642857 × 0.64 × e^(1.92 × 0.642857)
    // = 24.6857 × e^1.234286 = 24.6857 × 3.43585 = 84.815
    expect(stored.internalLoad).toBeCloseTo(84.815, 2);

    const metrics = await database.prisma.dailyMetrics.findMany({
      where: { userId: athlete.id },
      orderBy: { date: 'asc' },
    });
    expect(metrics.map((m) => fromUtcMidnight(m.date))).toEqual(days);
    const today = metrics.at(-1);
    // Every day carries the same load, so acute (7-day mean) = chronic (28-day mean) and ACWR = 1.
    expect(today?.externalAcwr).toBeCloseTo(1, 10);
    expect(today?.internalAcwr).toBeCloseTo(1, 10);
    expect(today?.normalizedDivergence).toBeCloseTo(0, 10);
    expect(today?.daysSinceRest).toBe(28);
  });

  it('is idempotent and recomputes when a new activity arrives', async () => {
    const athlete = await createAthlete();
    const days = Array.from({ length: 28 }, (_, i) => addDays('2026-03-04', i));
    await recordActivities(
      database.prisma,
      athlete.id,
      days.map((d) => testRun(d)),
      NOW,
    );
    expect(
      await recordActivities(
        database.prisma,
        athlete.id,
        days.map((d) => testRun(d)),
        NOW,
      ),
    ).toEqual({ added: 0 });

    // A second 10 km on the last day: acute sum 8 × 6.2137, chronic sum 29 × 6.2137.
    // ACWR = (8/7) / (29/28) = 1.142857 / 1.035714 = 1.103448
    await recordActivities(
      database.prisma,
      athlete.id,
      [
        testRun('2026-03-31', {
          sourceId: 'second-run',
          startTime: instantAt('2026-03-31', 18, 0, 'America/Denver'),
        }),
      ],
      NOW,
    );
    const today = await database.prisma.dailyMetrics.findUniqueOrThrow({
      where: { userId_date: { userId: athlete.id, date: new Date('2026-03-31T00:00:00Z') } },
    });
    expect(today.externalAcwr).toBeCloseTo(1.103448, 5);
  });

  it('dates an activity by the athlete’s own calendar, not UTC', async () => {
    const athlete = await createAthlete('America/Denver');
    // 23:30 in Denver on 2026-03-07 is already 2026-03-08 in UTC.
    const lateRun = testRun('2026-03-07', { startTime: new Date('2026-03-08T06:30:00Z') });
    await recordActivities(database.prisma, athlete.id, [lateRun], NOW);
    const stored = await database.prisma.activity.findFirstOrThrow({
      where: { userId: athlete.id },
    });
    expect(fromUtcMidnight(stored.localDate)).toBe('2026-03-07');
  });

  it('stores nothing and no metrics for an empty import', async () => {
    const athlete = await createAthlete();
    expect(await recordActivities(database.prisma, athlete.id, [], NOW)).toEqual({ added: 0 });
    expect(await database.prisma.dailyMetrics.count({ where: { userId: athlete.id } })).toBe(0);
  });
});

describe('recordActivities with a heart-rate stream', () => {
  it('sums internal load over the stream instead of using the average, and keeps the stream', async () => {
    const athlete = await createAthlete();
    // 30 min at 99 bpm (HRr 0.35), 30 min at 169 bpm (HRr 0.85): average 134 bpm (HRr 0.6).
    // Stream: 30 × 0.35 × 0.64 × e^0.672 + 30 × 0.85 × 0.64 × e^1.632 = 13.159 + 83.462 = 96.62;
    // from the average it would be 60 × 0.6 × 0.64 × e^1.152 = 72.91.
    const heartRateSeconds = { 99: 1800, 169: 1800 };
    await recordActivities(
      database.prisma,
      athlete.id,
      [testRun('2026-03-30', { averageHeartRate: 134, heartRateSeconds })],
      NOW,
    );
    const stored = await database.prisma.activity.findFirstOrThrow({
      where: { userId: athlete.id },
    });
    expect(stored.internalLoad).toBeCloseTo(96.62, 2);
    expect(stored.heartRateSeconds).toEqual({ 99: 1800, 169: 1800 });
  });
});

describe('updateActivity and deleteActivity', () => {
  const metricsOn = (userId: number, date: string) =>
    database.prisma.dailyMetrics.findUniqueOrThrow({
      where: { userId_date: { userId, date: new Date(`${date}T00:00:00Z`) } },
    });

  it('an edit re-dates the activity, recomputes its loads and the daily metrics', async () => {
    const athlete = await createAthlete();
    await recordActivities(database.prisma, athlete.id, [testRun('2026-03-30')], NOW);
    const stored = await database.prisma.activity.findFirstOrThrow({
      where: { userId: athlete.id },
    });
    const { source: _source, sourceId: _sourceId, ...fields } = testRun('2026-03-20');
    const changed = await updateActivity(
      database.prisma,
      athlete.id,
      stored.id,
      { ...fields, distanceMeters: 20_000 },
      NOW,
    );
    expect(changed).toBe(true);
    const after = await database.prisma.activity.findUniqueOrThrow({ where: { id: stored.id } });
    expect(fromUtcMidnight(after.localDate)).toBe('2026-03-20');
    expect(after.externalLoad).toBeCloseTo(2 * stored.externalLoad, 5);
    // The metrics start from the new, earlier date; the old day has no load left.
    expect((await metricsOn(athlete.id, '2026-03-20')).externalAcuteLoad).toBeCloseTo(
      after.externalLoad / 7,
      5,
    );
    expect(
      await database.prisma.dailyMetrics.count({
        where: { userId: athlete.id, date: { lt: new Date('2026-03-20T00:00:00Z') } },
      }),
    ).toBe(0);
  });

  it('a delete removes the activity and its load from the metrics; another athlete’s is untouched', async () => {
    const athlete = await createAthlete();
    const other = await createAthlete();
    await recordActivities(
      database.prisma,
      athlete.id,
      [testRun('2026-03-29'), testRun('2026-03-30')],
      NOW,
    );
    await recordActivities(database.prisma, other.id, [testRun('2026-03-30')], NOW);
    const [first, second] = await database.prisma.activity.findMany({
      where: { userId: athlete.id },
      orderBy: { startTime: 'asc' },
    });
    if (!first || !second) throw new Error('two activities expected');
    const otherActivity = await database.prisma.activity.findFirstOrThrow({
      where: { userId: other.id },
    });

    expect(await deleteActivity(database.prisma, other.id, second.id, NOW)).toBe(false);
    expect(
      await updateActivity(
        database.prisma,
        athlete.id,
        otherActivity.id,
        testRun('2026-03-01'),
        NOW,
      ),
    ).toBe(false);
    expect(await deleteActivity(database.prisma, athlete.id, second.id, NOW)).toBe(true);
    expect((await metricsOn(athlete.id, '2026-03-31')).externalAcuteLoad).toBeCloseTo(
      first.externalLoad / 7,
      5,
    );
    expect(await database.prisma.activity.count({ where: { userId: other.id } })).toBe(1);
    expect(
      (await database.prisma.activity.findUniqueOrThrow({ where: { id: otherActivity.id } }))
        .startTime,
    ).toEqual(otherActivity.startTime);
  });
});

describe('daily metrics replaced from the earliest changed date', () => {
  /** What a rebuild from scratch stores: every day from the first activity to today. */
  async function fromScratch(userId: number) {
    const stored = await database.prisma.dailyMetrics.findMany({
      where: { userId },
      orderBy: { date: 'asc' },
    });
    await recomputeDailyMetrics(database.prisma, userId, NOW);
    const rebuilt = await database.prisma.dailyMetrics.findMany({
      where: { userId },
      orderBy: { date: 'asc' },
    });
    return { stored, rebuilt };
  }

  it('match a full rebuild after imports out of order, an edit and deletes', async () => {
    const athlete = await createAthlete();
    const day = (i: number) => addDays('2026-01-01', i);
    const runs = (from: number, count: number, step: number) =>
      Array.from({ length: count }, (_, i) =>
        testRun(day(from + i * step), { averageHeartRate: 130 + ((from + i) % 5) * 6 }),
      );
    const check = async () => {
      const { stored, rebuilt } = await fromScratch(athlete.id);
      expect(stored).toEqual(rebuilt);
    };
    await recordActivities(database.prisma, athlete.id, runs(40, 20, 2), NOW);
    await check();
    // An earlier batch, then one inside the stored span.
    await recordActivities(database.prisma, athlete.id, runs(0, 10, 3), NOW);
    await check();
    await recordActivities(database.prisma, athlete.id, runs(41, 5, 4), NOW);
    await check();

    const [first, later] = await database.prisma.activity.findMany({
      where: { userId: athlete.id },
      orderBy: { localDate: 'asc' },
      take: 2,
    });
    if (!first || !later) throw new Error('no activities');
    // The first activity moves later: the days before the new first one go.
    const { source: _, sourceId: __, ...moved } = testRun(day(50));
    await updateActivity(database.prisma, athlete.id, first.id, moved, NOW);
    await check();
    await deleteActivity(database.prisma, athlete.id, later.id, NOW);
    await check();
  });
});
