import type { Database } from '@coach/db';
import { openTestDatabase, testBackends } from '@coach/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  addRaceGoal,
  addRaceResult,
  deleteRaceGoal,
  deleteRaceResult,
  getRaceGoals,
  getRaceHistory,
  type RaceGoalInput,
  RaceNotFoundError,
  type RaceResultInput,
  SecondARaceError,
  updateRaceGoal,
  updateRaceResult,
} from './races';

// 23:00 on 2026-03-11 in Denver (MDT, UTC−6): already 2026-03-12 in UTC.
const NOW = new Date('2026-03-12T05:00:00Z');
const TODAY = '2026-03-11';

const MARATHON: RaceGoalInput = {
  name: 'Spring Marathon',
  raceDate: '2026-05-03',
  distance: 'marathon',
  targetTimeSeconds: 3 * 3600 + 15 * 60,
  priority: 'A',
  notes: 'Negative split.',
};
const RESULT: RaceResultInput = {
  name: 'Winter 10k',
  raceDate: '2026-02-01',
  distance: '10k',
  finishTimeSeconds: 44 * 60 + 30,
};

let athletes = 0;
async function createAthlete(database: Database, units: 'metric' | 'imperial' = 'metric') {
  athletes += 1;
  const { id } = await database.prisma.user.create({
    data: {
      email: `races-${athletes}-${database.kind}@example.com`,
      passwordHash: 'unused',
      displayName: `Race Runner ${athletes}`,
      timezone: 'America/Denver',
      units,
    },
  });
  return id;
}

async function zodPaths(work: Promise<unknown>): Promise<string[]> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZodError);
  return (error as ZodError).issues.map((issue) => issue.path.join('.'));
}

const backends = await testBackends();

describe.each(backends)('race goals and results on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());

  it('adds, edits and deletes a race goal, dated in the athlete’s timezone', async () => {
    const prisma = database.prisma;
    const userId = await createAthlete(database);
    const goal = await addRaceGoal(prisma, userId, MARATHON, NOW);
    expect(goal).toEqual({
      id: expect.any(Number),
      name: 'Spring Marathon',
      raceDate: '2026-05-03',
      distanceMeters: 42_195,
      targetTimeSeconds: 11_700,
      priority: 'A',
      notes: 'Negative split.',
      daysToGo: 53,
    });
    // Today in Denver is still 2026-03-11: a race that day is a goal (race day), not a past race.
    const today = await addRaceGoal(
      prisma,
      userId,
      { name: '  Parkrun ', raceDate: TODAY, distance: '5k', priority: 'C', notes: '' },
      NOW,
    );
    expect(today).toMatchObject({
      name: 'Parkrun',
      daysToGo: 0,
      targetTimeSeconds: null,
      notes: null,
    });

    const edited = await updateRaceGoal(
      prisma,
      userId,
      { ...MARATHON, id: goal.id, distance: 30, priority: 'B', targetTimeSeconds: null },
      NOW,
    );
    expect(edited).toMatchObject({
      distanceMeters: 30_000,
      priority: 'B',
      targetTimeSeconds: null,
    });
    expect((await getRaceGoals(prisma, userId, NOW)).map((g) => g.name)).toEqual([
      'Parkrun',
      'Spring Marathon',
    ]);

    expect(await deleteRaceGoal(prisma, userId, { id: goal.id })).toEqual({ id: goal.id });
    expect((await getRaceGoals(prisma, userId, NOW)).map((g) => g.id)).toEqual([today.id]);
    await expect(deleteRaceGoal(prisma, userId, { id: goal.id })).rejects.toBeInstanceOf(
      RaceNotFoundError,
    );
  });

  it('takes a custom distance in the athlete’s units', async () => {
    const userId = await createAthlete(database, 'imperial');
    const goal = await addRaceGoal(
      database.prisma,
      userId,
      { ...MARATHON, distance: 26.2, priority: 'B' },
      NOW,
    );
    // 26.2 mi × 1.609344 km/mi
    expect(goal.distanceMeters).toBeCloseTo(42_164.8, 1);
    const result = await addRaceResult(database.prisma, userId, { ...RESULT, distance: 3.1 }, NOW);
    expect(result.distanceMeters).toBeCloseTo(4988.97, 1);
  });

  it('keeps one A race ahead: a second is refused, also when both are sent at once', async () => {
    const prisma = database.prisma;
    const userId = await createAthlete(database);
    // A past A race does not count.
    await prisma.raceGoal.create({
      data: {
        userId,
        name: 'Last year',
        raceDate: new Date('2025-10-01'),
        distanceMeters: 42_195,
        priority: 'A',
      },
    });
    const settled = await Promise.allSettled([
      addRaceGoal(prisma, userId, MARATHON, NOW),
      addRaceGoal(
        prisma,
        userId,
        { ...MARATHON, name: 'Autumn Marathon', raceDate: '2026-10-04' },
        NOW,
      ),
    ]);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    const refused = settled.find((s) => s.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(SecondARaceError);
    expect(String(refused?.reason)).toMatch(/already have an A race ahead: .+ on 2026-/);

    const [first] = await getRaceGoals(prisma, userId, NOW);
    if (!first) throw new Error('no goal');
    // Editing the A race itself is no second A race; demoting it frees the place.
    await updateRaceGoal(prisma, userId, { ...MARATHON, id: first.id, name: 'Renamed' }, NOW);
    await updateRaceGoal(prisma, userId, { ...MARATHON, id: first.id, priority: 'B' }, NOW);
    const autumn = await addRaceGoal(
      prisma,
      userId,
      { ...MARATHON, name: 'Autumn Marathon', raceDate: '2026-10-04' },
      NOW,
    );
    await expect(
      updateRaceGoal(prisma, userId, { ...MARATHON, id: first.id, priority: 'A' }, NOW),
    ).rejects.toBeInstanceOf(SecondARaceError);
    expect(
      (await getRaceGoals(prisma, userId, NOW)).filter((g) => g.priority === 'A').map((g) => g.id),
    ).toEqual([autumn.id]);
  });

  it('adds, edits and deletes race results; a result on the athlete’s today counts', async () => {
    const prisma = database.prisma;
    const userId = await createAthlete(database);
    const result = await addRaceResult(prisma, userId, RESULT, NOW);
    expect(result).toEqual({
      id: expect.any(Number),
      name: 'Winter 10k',
      raceDate: '2026-02-01',
      distanceMeters: 10_000,
      finishTimeSeconds: 2670,
      notes: null,
    });
    const today = await addRaceResult(
      prisma,
      userId,
      {
        ...RESULT,
        name: 'Tonight',
        raceDate: TODAY,
        distance: 'half_marathon',
        finishTimeSeconds: 5900,
      },
      NOW,
    );
    const edited = await updateRaceResult(
      prisma,
      userId,
      { ...RESULT, id: result.id, finishTimeSeconds: 2650, notes: 'PB' },
      NOW,
    );
    expect(edited).toMatchObject({ finishTimeSeconds: 2650, notes: 'PB' });
    expect((await getRaceHistory(prisma, userId, NOW)).map((r) => r.name)).toEqual([
      'Tonight',
      'Winter 10k',
    ]);
    await deleteRaceResult(prisma, userId, { id: today.id });
    expect((await getRaceHistory(prisma, userId, NOW)).map((r) => r.id)).toEqual([result.id]);
  });

  it('never reads or writes another athlete’s races', async () => {
    const prisma = database.prisma;
    const owner = await createAthlete(database);
    const other = await createAthlete(database);
    const goal = await addRaceGoal(prisma, owner, MARATHON, NOW);
    const result = await addRaceResult(prisma, owner, RESULT, NOW);
    await expect(
      updateRaceGoal(prisma, other, { ...MARATHON, id: goal.id, name: 'Mine now' }, NOW),
    ).rejects.toBeInstanceOf(RaceNotFoundError);
    await expect(deleteRaceGoal(prisma, other, { id: goal.id })).rejects.toBeInstanceOf(
      RaceNotFoundError,
    );
    await expect(
      updateRaceResult(prisma, other, { ...RESULT, id: result.id, name: 'Mine now' }, NOW),
    ).rejects.toBeInstanceOf(RaceNotFoundError);
    await expect(deleteRaceResult(prisma, other, { id: result.id })).rejects.toBeInstanceOf(
      RaceNotFoundError,
    );
    // The other athlete's own A race is no conflict with the owner's.
    await addRaceGoal(prisma, other, MARATHON, NOW);
    expect(await getRaceGoals(prisma, owner, NOW)).toEqual([goal]);
    expect(await getRaceHistory(prisma, owner, NOW)).toEqual([result]);
  });
});

describe('race input on PGlite', () => {
  let database: Database;
  let userId: number;
  beforeAll(async () => {
    database = await openTestDatabase();
    userId = await createAthlete(database);
  });
  afterAll(() => database.close());

  it.each([
    ['a goal before the athlete’s today', { raceDate: '2026-03-10' }, 'raceDate'],
    ['a goal over three years ahead', { raceDate: '2029-06-01' }, 'raceDate'],
    ['an impossible date', { raceDate: '2026-02-30' }, 'raceDate'],
    ['an empty name', { name: '  ' }, 'name'],
    ['an unknown distance', { distance: 'ultra' }, 'distance'],
    ['a distance under 400 m', { distance: 0.3 }, 'distance'],
    ['a zero distance', { distance: 0 }, 'distance'],
    [
      'a target faster than any runner',
      { distance: '10k', targetTimeSeconds: 900 },
      'targetTimeSeconds',
    ],
    ['a fractional target', { targetTimeSeconds: 3600.5 }, 'targetTimeSeconds'],
    ['priority D', { priority: 'D' }, 'priority'],
    ['an unknown field', { userId: 1 }, ''],
  ])('refuses %s as a goal', async (_, change, path) => {
    const input = { ...MARATHON, priority: 'C', ...change } as RaceGoalInput;
    expect(await zodPaths(addRaceGoal(database.prisma, userId, input, NOW))).toContain(path);
    expect(await getRaceGoals(database.prisma, userId, NOW)).toEqual([]);
  });

  it.each([
    [
      'a result after the athlete’s today (though it is today in UTC)',
      { raceDate: '2026-03-12' },
      'raceDate',
    ],
    ['a result before 1900', { raceDate: '1899-12-31' }, 'raceDate'],
    ['no finish time', { finishTimeSeconds: undefined }, 'finishTimeSeconds'],
    ['a finish time over a week', { finishTimeSeconds: 8 * 24 * 3600 }, 'finishTimeSeconds'],
  ])('refuses %s', async (_, change, path) => {
    const input = { ...RESULT, ...change } as RaceResultInput;
    expect(await zodPaths(addRaceResult(database.prisma, userId, input, NOW))).toContain(path);
    expect(await getRaceHistory(database.prisma, userId, NOW)).toEqual([]);
  });
});
