import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import {
  ACTIVITY_NOTES_MAX_CHARS,
  fromUtcMidnight,
  instantAt,
  METERS_PER_FOOT,
  METERS_PER_MILE,
} from '@coach/metrics';
import { recordActivities } from '@coach/training';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  ActivityNotEditableError,
  ActivityNotFoundError,
  createActivity,
  deleteActivity,
  listActivities,
  type ManualActivityInput,
  updateActivity,
} from './activities';

// 11:00 on 2026-03-12 in Denver.
const NOW = new Date('2026-03-12T17:00:00Z');

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

function createAthlete(units: 'metric' | 'imperial' = 'metric') {
  return createTestAthlete(database.prisma, { timezone: 'America/Denver', units });
}

const easyRun: ManualActivityInput = {
  date: '2026-03-10',
  time: '07:30',
  type: 'run',
  name: 'Easy run',
  distance: 10,
  durationSeconds: 3600,
  climb: 100,
  averageHeartRate: 140,
  perceivedEffort: 4,
  notes: '  Windy on the ridge  ',
};

const metricsCount = (userId: number) => database.prisma.dailyMetrics.count({ where: { userId } });

describe('activities added by hand', () => {
  it('are stored in base units from the athlete’s units, on their local date, with metrics', async () => {
    const athlete = await createAthlete('imperial');
    const { id } = await createActivity(database.prisma, athlete.id, easyRun, NOW);
    const stored = await database.prisma.activity.findUniqueOrThrow({ where: { id } });
    expect(stored.source).toBe('manual');
    expect(stored.distanceMeters).toBeCloseTo(10 * METERS_PER_MILE, 6);
    expect(stored.elevationGainMeters).toBeCloseTo(100 * METERS_PER_FOOT, 6);
    expect(stored.startTime).toEqual(instantAt('2026-03-10', 7, 30, 'America/Denver'));
    expect(fromUtcMidnight(stored.localDate)).toBe('2026-03-10');
    expect(stored.externalLoad).toBeCloseTo(10 + 100 / 750, 6);
    // 2026-03-10 .. 2026-03-12 (today).
    expect(await metricsCount(athlete.id)).toBe(3);

    const page = await listActivities(database.prisma, athlete.id);
    expect(page).toEqual({
      units: 'imperial',
      nextCursor: null,
      items: [
        {
          id,
          date: '2026-03-10',
          time: '07:30',
          type: 'run',
          name: 'Easy run',
          distance: 10,
          durationSeconds: 3600,
          climb: 100,
          averageHeartRate: 140,
          perceivedEffort: 4,
          notes: 'Windy on the ridge',
          internalLoadEstimated: false,
          editable: true,
        },
      ],
    });
  });

  it('are named after their type when the name is left empty', async () => {
    const athlete = await createAthlete();
    await createActivity(
      database.prisma,
      athlete.id,
      { date: '2026-03-11', type: 'trail_run', distance: 5, durationSeconds: 1800 },
      NOW,
    );
    const { items } = await listActivities(database.prisma, athlete.id);
    expect(items[0]).toMatchObject({ name: 'Trail run', time: '12:00', climb: 0, notes: null });
  });

  it('without heart rate or RPE get an estimated internal load, marked so, not a rest day', async () => {
    const athlete = await createAthlete();
    const { id } = await createActivity(
      database.prisma,
      athlete.id,
      { date: '2026-03-11', type: 'ride', distance: 40, durationSeconds: 5400 },
      NOW,
    );
    const stored = await database.prisma.activity.findUniqueOrThrow({ where: { id } });
    // A ride's easy effort, RPE 3 × 90 min × 0.35 = 94.5
    expect(stored.internalLoad).toBeCloseTo(94.5, 6);
    expect(stored.internalLoadEstimated).toBe(true);
    const { items } = await listActivities(database.prisma, athlete.id);
    expect(items[0]?.internalLoadEstimated).toBe(true);
    const day = await database.prisma.dailyMetrics.findFirstOrThrow({
      where: { userId: athlete.id, date: new Date('2026-03-11T00:00:00Z') },
    });
    expect(day.daysSinceRest).toBe(1);

    // An RPE given later replaces the estimate.
    await updateActivity(
      database.prisma,
      athlete.id,
      id,
      { date: '2026-03-11', type: 'ride', distance: 40, durationSeconds: 5400, perceivedEffort: 6 },
      NOW,
    );
    const edited = await database.prisma.activity.findUniqueOrThrow({ where: { id } });
    expect(edited.internalLoadEstimated).toBe(false);
    expect(edited.internalLoad).toBeCloseTo(6 * 90 * 0.35, 6);
  });

  it('refuse values out of range, unknown types and unknown fields', async () => {
    const athlete = await createAthlete();
    for (const bad of [
      { ...easyRun, distance: -1 },
      { ...easyRun, type: 'rowing' },
      { ...easyRun, perceivedEffort: 11 },
      { ...easyRun, date: '2026-02-30' },
      { ...easyRun, time: '25:00' },
      { ...easyRun, userId: 1 },
      { ...easyRun, notes: 'x'.repeat(ACTIVITY_NOTES_MAX_CHARS + 1) },
    ]) {
      await expect(
        createActivity(database.prisma, athlete.id, bad as ManualActivityInput, NOW),
      ).rejects.toBeInstanceOf(ZodError);
    }
    expect(await database.prisma.activity.count({ where: { userId: athlete.id } })).toBe(0);
  });

  it('an edit moves the activity and the metrics start from the earliest date', async () => {
    const athlete = await createAthlete();
    const { id } = await createActivity(database.prisma, athlete.id, easyRun, NOW);
    await updateActivity(
      database.prisma,
      athlete.id,
      id,
      { ...easyRun, date: '2026-03-01', distance: 21.1 },
      NOW,
    );
    const { items } = await listActivities(database.prisma, athlete.id);
    expect(items).toEqual([expect.objectContaining({ id, date: '2026-03-01', distance: 21.1 })]);
    // 2026-03-01 .. 2026-03-12.
    expect(await metricsCount(athlete.id)).toBe(12);
  });

  it('a delete removes it and its metrics', async () => {
    const athlete = await createAthlete();
    const { id } = await createActivity(database.prisma, athlete.id, easyRun, NOW);
    await deleteActivity(database.prisma, athlete.id, id, NOW);
    expect((await listActivities(database.prisma, athlete.id)).items).toEqual([]);
    expect(await metricsCount(athlete.id)).toBe(0);
  });

  it('another athlete’s activity can be neither edited nor deleted', async () => {
    const owner = await createAthlete();
    const intruder = await createAthlete();
    const { id } = await createActivity(database.prisma, owner.id, easyRun, NOW);
    await expect(
      updateActivity(database.prisma, intruder.id, id, { ...easyRun, distance: 1 }, NOW),
    ).rejects.toBeInstanceOf(ActivityNotFoundError);
    await expect(deleteActivity(database.prisma, intruder.id, id, NOW)).rejects.toBeInstanceOf(
      ActivityNotFoundError,
    );
    expect(
      (await database.prisma.activity.findUniqueOrThrow({ where: { id } })).distanceMeters,
    ).toBe(10_000);
  });

  it('an imported activity can be deleted but not edited', async () => {
    const athlete = await createAthlete();
    await recordActivities(
      database.prisma,
      athlete.id,
      [
        {
          source: 'gpx',
          sourceId: 'abc',
          startTime: instantAt('2026-03-09', 7, 0, 'America/Denver'),
          type: 'run',
          name: 'Imported',
          distanceMeters: 5000,
          movingTimeSeconds: 1500,
          elevationGainMeters: 0,
          averageHeartRate: null,
          maxHeartRate: null,
          perceivedEffort: null,
        },
      ],
      NOW,
    );
    const [imported] = (await listActivities(database.prisma, athlete.id)).items;
    expect(imported?.editable).toBe(false);
    const id = imported?.id ?? 0;
    await expect(
      updateActivity(database.prisma, athlete.id, id, easyRun, NOW),
    ).rejects.toBeInstanceOf(ActivityNotEditableError);
    await deleteActivity(database.prisma, athlete.id, id, NOW);
    expect((await listActivities(database.prisma, athlete.id)).items).toEqual([]);
  });
});

describe('listActivities', () => {
  it('pages newest first, without gaps or repeats', async () => {
    const athlete = await createAthlete();
    for (let day = 1; day <= 5; day += 1) {
      await createActivity(
        database.prisma,
        athlete.id,
        { ...easyRun, date: `2026-03-0${day}`, name: `Day ${day}` },
        NOW,
      );
    }
    const first = await listActivities(database.prisma, athlete.id, { limit: 2 });
    const second = await listActivities(database.prisma, athlete.id, {
      limit: 2,
      cursor: first.nextCursor,
    });
    const third = await listActivities(database.prisma, athlete.id, {
      limit: 2,
      cursor: second.nextCursor,
    });
    expect([...first.items, ...second.items, ...third.items].map((item) => item.name)).toEqual([
      'Day 5',
      'Day 4',
      'Day 3',
      'Day 2',
      'Day 1',
    ]);
    expect(third.nextCursor).toBeNull();
  });
});
