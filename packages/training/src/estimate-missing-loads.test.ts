import type { Database } from '@coach/db';
import { createTestAthlete, testBackends } from '@coach/db/testing';
import { fromUtcMidnight, internalLoad } from '@coach/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordActivities } from './activities';
import { recomputeDailyMetrics } from './daily-metrics';
import { estimateMissingInternalLoads } from './estimate-missing-loads';
import { testRun } from './testing';

const NOW = new Date('2026-03-10T18:00:00Z');
const PROFILE = { restingHeartRate: 50, maxHeartRate: 190, sex: 'male' } as const;

const withoutSensors = { averageHeartRate: null, maxHeartRate: null, perceivedEffort: null };

describe.each(await testBackends())('estimateMissingInternalLoads on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());

  /** Stores the activities, then puts the sensorless ones back as they were written before the estimate. */
  async function recordTheOldWay(userId: number, activities: ReturnType<typeof testRun>[]) {
    await recordActivities(database.prisma, userId, activities, NOW);
    await database.prisma.activity.updateMany({
      where: { userId, averageHeartRate: null, perceivedEffort: null },
      data: { internalLoad: 0, internalLoadEstimated: false },
    });
    await recomputeDailyMetrics(database.prisma, userId, NOW);
  }

  function metricsOf(userId: number) {
    return database.prisma.dailyMetrics.findMany({ where: { userId }, orderBy: { date: 'asc' } });
  }

  it('gives old sensorless activities their estimate, the metrics follow, and a second run changes nothing', async () => {
    const athlete = await createTestAthlete(database.prisma, {
      timezone: 'America/Denver',
      ...PROFILE,
    });
    const other = await createTestAthlete(database.prisma, {
      timezone: 'America/Denver',
      ...PROFILE,
    });
    const treadmill = testRun('2026-03-03', {
      sourceId: 'treadmill',
      type: 'treadmill_run',
      ...withoutSensors,
    });
    await recordTheOldWay(athlete.id, [
      testRun('2026-03-01'),
      treadmill,
      testRun('2026-03-05', { sourceId: 'ride', type: 'ride', ...withoutSensors }),
      // measured, not missing: a heart rate below resting is a TRIMP of 0
      testRun('2026-03-06', {
        sourceId: 'below-resting',
        averageHeartRate: 45,
        perceivedEffort: null,
      }),
    ]);
    await recordTheOldWay(other.id, [testRun('2026-03-02', withoutSensors)]);
    const before = await metricsOf(athlete.id);
    const oldTreadmillDay = before.find((day) => fromUtcMidnight(day.date) === '2026-03-03');
    expect(oldTreadmillDay?.internalLoad).toBe(0);

    expect(await estimateMissingInternalLoads(database.prisma, NOW)).toBe(3);

    const stored = await database.prisma.activity.findFirstOrThrow({
      where: { userId: athlete.id, sourceId: 'treadmill' },
    });
    const expected = internalLoad(treadmill, PROFILE);
    expect(expected.source).toBe('estimated');
    expect(stored.internalLoad).toBeGreaterThan(0);
    expect(stored.internalLoad).toBeCloseTo(expected.value, 9);
    expect(stored.internalLoadEstimated).toBe(true);
    // The run with heart rate keeps its TRIMP, unmarked.
    const withHeartRate = await database.prisma.activity.findFirstOrThrow({
      where: { userId: athlete.id, sourceId: 'run-2026-03-01' },
    });
    expect(withHeartRate.internalLoadEstimated).toBe(false);
    const belowResting = await database.prisma.activity.findFirstOrThrow({
      where: { userId: athlete.id, sourceId: 'below-resting' },
    });
    expect([belowResting.internalLoad, belowResting.internalLoadEstimated]).toEqual([0, false]);
    expect(withHeartRate.internalLoad).toBeCloseTo(
      internalLoad(testRun('2026-03-01'), PROFILE).value,
      9,
    );

    const after = await metricsOf(athlete.id);
    const treadmillDay = after.find((day) => fromUtcMidnight(day.date) === '2026-03-03');
    expect(treadmillDay?.internalLoad).toBeCloseTo(expected.value, 9);
    expect(treadmillDay?.daysSinceRest).not.toBe(oldTreadmillDay?.daysSinceRest);
    // The days before the first change are as they were, and the rest as a full rebuild makes them.
    expect(after[0]).toEqual(before[0]);
    await recomputeDailyMetrics(database.prisma, athlete.id, NOW);
    expect(await metricsOf(athlete.id)).toEqual(after);
    const otherActivity = await database.prisma.activity.findFirstOrThrow({
      where: { userId: other.id },
    });
    expect(otherActivity.internalLoadEstimated).toBe(true);

    expect(await estimateMissingInternalLoads(database.prisma, NOW)).toBe(0);
    expect(await metricsOf(athlete.id)).toEqual(after);
  });
});
