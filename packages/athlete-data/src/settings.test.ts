import { type Database, readHeartRateSeconds } from '@coach/db';
import { createTestAthlete, openTestDatabase, testBackends } from '@coach/db/testing';
import {
  addDays,
  computeDailyMetrics,
  externalLoad,
  fromUtcMidnight,
  internalLoad,
  todayIn,
  toUtcMidnight,
} from '@coach/metrics';
import { recordActivities } from '@coach/training';
import { testRun } from '@coach/training/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { UnknownAthleteError } from './athlete';
import {
  getSettings,
  type SettingsInput,
  settingsInput,
  TimezoneChangeTooSoonError,
  updateSettings,
} from './settings';
import { getCurrentMetrics } from './training-state';

// 11:00 on 2026-03-12 in Denver (MDT, UTC−6), 13:00 in New York.
const NOW = new Date('2026-03-12T17:00:00Z');

/** 23:30 on 2026-03-10 in Denver is 01:30 on 2026-03-11 in New York. */
const LATE_RUN = testRun('2026-03-10', {
  sourceId: 'late-run',
  name: 'Late 5 km',
  startTime: new Date('2026-03-11T05:30:00Z'),
  distanceMeters: 5000,
  movingTimeSeconds: 1500,
  averageHeartRate: 150,
});

let athletes = 0;
async function createAthlete(database: Database, withActivities: boolean): Promise<number> {
  athletes += 1;
  const { id } = await createTestAthlete(database.prisma, {
    email: `settings-${athletes}-${database.kind}@example.com`,
    displayName: 'Settings Runner',
    timezone: 'America/Denver',
    restingHeartRate: 50,
    maxHeartRate: 190,
    sex: 'male',
  });
  if (withActivities) {
    // 30 mornings, 2026-02-09 .. 2026-03-10, and the late run; one morning from a file with a
    // heart-rate stream (half an hour each at 120 and 160 bpm).
    const days = Array.from({ length: 30 }, (_, i) => addDays('2026-02-09', i));
    const streamed = { heartRateSeconds: { 120: 1800, 160: 1800 } };
    await recordActivities(
      database.prisma,
      id,
      [...days.map((d, i) => testRun(d, i === 1 ? streamed : {})), LATE_RUN],
      NOW,
    );
  }
  return id;
}

/** The stored metrics equal a fresh computation from the stored activities, up to today. */
async function expectMetricsRebuilt(database: Database, userId: number): Promise<void> {
  const prisma = database.prisma;
  const { timezone } = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const activities = await prisma.activity.findMany({
    where: { userId },
    orderBy: [{ localDate: 'asc' }, { id: 'asc' }],
  });
  const loads = activities.map((a) => ({
    localDate: fromUtcMidnight(a.localDate),
    externalLoad: a.externalLoad,
    internalLoad: a.internalLoad,
  }));
  const first = loads.map((l) => l.localDate).sort()[0] ?? '';
  const expected = computeDailyMetrics(loads, { from: first, to: todayIn(timezone, NOW) });
  const stored = await prisma.dailyMetrics.findMany({
    where: { userId },
    orderBy: { date: 'asc' },
  });
  expect(
    stored.map(({ userId: _, date, ...row }) => ({ ...row, date: fromUtcMidnight(date) })),
  ).toEqual(expected.map((row) => ({ ...row })));
}

async function dayLoad(database: Database, userId: number, date: string) {
  return database.prisma.dailyMetrics.findUniqueOrThrow({
    where: { userId_date: { userId, date: toUtcMidnight(date) } },
  });
}

const backends = await testBackends();

describe.each(backends)('updateSettings on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database.close());

  it('a new timezone moves a run at 23:30 local across midnight and rebuilds the metrics', async () => {
    const prisma = database.prisma;
    const userId = await createAthlete(database, true);
    const lateRun = await prisma.activity.findFirstOrThrow({
      where: { userId, sourceId: 'late-run' },
    });
    expect(fromUtcMidnight(lateRun.localDate)).toBe('2026-03-10');
    const before = await dayLoad(database, userId, '2026-03-10');
    expect((await dayLoad(database, userId, '2026-03-11')).externalLoad).toBe(0);

    const settings = await updateSettings(prisma, userId, { timezone: 'America/New_York' }, NOW);
    expect(settings.timezone).toBe('America/New_York');

    const moved = await prisma.activity.findUniqueOrThrow({ where: { id: lateRun.id } });
    expect(fromUtcMidnight(moved.localDate)).toBe('2026-03-11');
    // The morning runs (07:00 in Denver, 09:00 in New York) keep their dates.
    const mornings = await prisma.activity.findMany({
      where: { userId, sourceId: { not: 'late-run' } },
    });
    for (const activity of mornings) {
      expect(fromUtcMidnight(activity.localDate)).toBe(activity.sourceId.replace('run-', ''));
    }
    const late = externalLoad(LATE_RUN);
    expect((await dayLoad(database, userId, '2026-03-10')).externalLoad).toBeCloseTo(
      before.externalLoad - late,
      10,
    );
    expect((await dayLoad(database, userId, '2026-03-11')).externalLoad).toBeCloseTo(late, 10);
    await expectMetricsRebuilt(database, userId);

    // And back: the run returns to 2026-03-10.
    await updateSettings(prisma, userId, { timezone: 'America/Denver' }, NOW);
    const back = await prisma.activity.findUniqueOrThrow({ where: { id: lateRun.id } });
    expect(fromUtcMidnight(back.localDate)).toBe('2026-03-10');
    await expectMetricsRebuilt(database, userId);
  });

  it('a burst of time zone changes costs one rebuild: the others are refused until the interval has passed', async () => {
    const prisma = database.prisma;
    const userId = await createAthlete(database, true);
    const HOUR = 60 * 60_000;
    const zones = ['America/New_York', 'Europe/Paris', 'Asia/Tokyo', 'Pacific/Kiritimati'];
    const results = await Promise.allSettled(
      zones.map((timezone) => updateSettings(prisma, userId, { timezone }, NOW, HOUR)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect(result.reason).toBeInstanceOf(TimezoneChangeTooSoonError);
    }
    // Saving the same zone again is no change, so it is never refused.
    const { timezone } = await getSettings(prisma, userId);
    await updateSettings(prisma, userId, { timezone, displayName: 'Same zone' }, NOW, HOUR);

    const later = new Date(NOW.getTime() + HOUR);
    const back = await updateSettings(prisma, userId, { timezone: 'America/Denver' }, later, HOUR);
    expect(back.timezone).toBe('America/Denver');
    await expectMetricsRebuilt(database, userId);
  });

  it('new heart-rate settings recompute every internal load and the metrics', async () => {
    const prisma = database.prisma;
    const userId = await createAthlete(database, true);
    const acwrBefore = (await getCurrentMetrics(prisma, userId, NOW))?.internalAcwr;

    const profiles = [
      { restingHeartRate: 60, maxHeartRate: 200, sex: 'male' as const },
      { restingHeartRate: 60, maxHeartRate: 200, sex: 'female' as const },
      // Unknown heart rates: session RPE stands in.
      { restingHeartRate: null, maxHeartRate: null, sex: 'female' as const },
    ];
    for (const profile of profiles) {
      await updateSettings(prisma, userId, profile, NOW);
      const activities = await prisma.activity.findMany({ where: { userId } });
      for (const activity of activities) {
        const heartRateSeconds = readHeartRateSeconds(activity.heartRateSeconds);
        const expected = internalLoad({ ...activity, heartRateSeconds }, profile);
        expect(activity.internalLoad).toBeCloseTo(expected.value, 10);
        // the stream, not the average, counts whenever the athlete's heart rates are known
        if (heartRateSeconds && profile.maxHeartRate !== null) {
          expect(expected.source).toBe('trimp_stream');
        }
      }
      await expectMetricsRebuilt(database, userId);
    }
    // 60 min at RPE 4 = 240 × 0.35 = 84 TRIMP units.
    const morning = await prisma.activity.findFirstOrThrow({
      where: { userId, sourceId: 'run-2026-02-09' },
    });
    expect(morning.internalLoad).toBeCloseTo(84, 10);
    expect(await getSettings(prisma, userId, NOW)).toMatchObject({
      restingHeartRate: null,
      maxHeartRate: null,
      sex: 'female',
    });
    expect(acwrBefore).toEqual(expect.any(Number));
  });

  it('stores weekly availability, Monday first, without touching loads or metrics', async () => {
    const prisma = database.prisma;
    const userId = await createAthlete(database, true);
    await prisma.dailyMetrics.updateMany({ where: { userId }, data: { monotony: 42 } });
    const settings = await updateSettings(
      prisma,
      userId,
      {
        availability: {
          trainingDays: ['Sunday', 'Thursday', 'Tuesday', 'Thursday', 'Saturday'],
          longRunDay: 'Sunday',
        },
      },
      NOW,
    );
    expect(settings.availability).toEqual({
      trainingDays: ['Tuesday', 'Thursday', 'Saturday', 'Sunday'],
      longRunDay: 'Sunday',
    });
    expect((await getSettings(prisma, userId, NOW)).availability).toEqual(settings.availability);
    expect(await prisma.dailyMetrics.count({ where: { userId, monotony: { not: 42 } } })).toBe(0);
  });
});

describe('settings on PGlite', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  async function refusal(userId: number, input: unknown): Promise<ZodError> {
    const error = await updateSettings(database.prisma, userId, input as SettingsInput, NOW).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ZodError);
    return error as ZodError;
  }

  it('getSettings gives the athlete’s settings as plain values, without secrets', async () => {
    const userId = await createAthlete(database, false);
    const settings = await getSettings(database.prisma, userId, NOW);
    expect(settings).toEqual({
      email: expect.stringMatching(/^settings-\d+-pglite@example\.com$/),
      displayName: expect.stringMatching(/^Settings Runner/),
      timezone: 'America/Denver',
      coachingSpectrum: 50,
      coachingStyle: 'supportive',
      riskTolerance: 'balanced',
      units: 'metric',
      restingHeartRate: 50,
      maxHeartRate: 190,
      sex: 'male',
      availability: null,
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
    });
    expect(JSON.parse(JSON.stringify(settings))).toEqual(settings);
  });

  it('changes only the fields given', async () => {
    const userId = await createAthlete(database, false);
    const settings = await updateSettings(
      database.prisma,
      userId,
      {
        displayName: '  Jo Runner ',
        coachingSpectrum: 90,
        riskTolerance: 'conservative',
        units: 'imperial',
      },
      NOW,
    );
    expect(settings).toMatchObject({
      displayName: 'Jo Runner',
      coachingSpectrum: 90,
      coachingStyle: 'analytical',
      riskTolerance: 'conservative',
      units: 'imperial',
      timezone: 'America/Denver',
      restingHeartRate: 50,
      maxHeartRate: 190,
    });
    expect(await getSettings(database.prisma, userId, NOW)).toEqual(settings);
  });

  it('leaves activities and metrics alone when nothing they depend on changes', async () => {
    const prisma = database.prisma;
    const userId = await createAthlete(database, true);
    // A marker a recompute would overwrite.
    await prisma.dailyMetrics.updateMany({ where: { userId }, data: { monotony: 42 } });
    await updateSettings(
      prisma,
      userId,
      { displayName: 'Renamed', timezone: 'America/Denver', restingHeartRate: 50 },
      NOW,
    );
    expect(await prisma.dailyMetrics.count({ where: { userId, monotony: { not: 42 } } })).toBe(0);
  });

  it.each([
    ['an unknown zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    ['an offset instead of a zone', { timezone: '+05:00' }, 'timezone'],
    ['an empty zone', { timezone: '' }, 'timezone'],
    ['an empty name', { displayName: '   ' }, 'displayName'],
    ['a name over 80 characters', { displayName: 'x'.repeat(81) }, 'displayName'],
    ['coaching spectrum 101', { coachingSpectrum: 101 }, 'coachingSpectrum'],
    ['coaching spectrum 50.5', { coachingSpectrum: 50.5 }, 'coachingSpectrum'],
    ['an unknown risk tolerance', { riskTolerance: 'reckless' }, 'riskTolerance'],
    ['unknown units', { units: 'furlongs' }, 'units'],
    ['resting heart rate 29', { restingHeartRate: 29 }, 'restingHeartRate'],
    ['max heart rate 231', { maxHeartRate: 231 }, 'maxHeartRate'],
    ['max not above resting', { restingHeartRate: 120, maxHeartRate: 120 }, 'maxHeartRate'],
    ['an unknown field', { email: 'new@example.com' }, ''],
    [
      'no training day',
      { availability: { trainingDays: [], longRunDay: 'Sunday' } },
      'availability.trainingDays',
    ],
    [
      'a long-run day that is no training day',
      { availability: { trainingDays: ['Monday', 'Wednesday'], longRunDay: 'Sunday' } },
      'availability.longRunDay',
    ],
    [
      'an unknown weekday',
      { availability: { trainingDays: ['Funday'], longRunDay: 'Funday' } },
      'availability.trainingDays.0',
    ],
    [
      'days without a long-run day',
      { availability: { trainingDays: ['Monday'] } },
      'availability.longRunDay',
    ],
  ])('refuses %s with a zod error and changes nothing', async (_, input, path) => {
    const userId = await createAthlete(database, false);
    const before = await getSettings(database.prisma, userId, NOW);
    const error = await refusal(userId, input);
    expect(error.issues.map((issue) => issue.path.join('.'))).toContain(path);
    expect(await getSettings(database.prisma, userId, NOW)).toEqual(before);
  });

  it('checks max above resting against the stored value when only one is given', async () => {
    const userId = await createAthlete(database, false);
    await updateSettings(database.prisma, userId, { maxHeartRate: 120 }, NOW);
    const error = await refusal(userId, { restingHeartRate: 120 });
    expect(error.issues[0]?.path).toEqual(['maxHeartRate']);
    expect((await getSettings(database.prisma, userId, NOW)).restingHeartRate).toBe(50);
  });

  it('accepts valid IANA zones as given, fixing only their letter case', () => {
    for (const timezone of ['Europe/Berlin', 'Asia/Kolkata', 'UTC', 'America/Argentina/Salta']) {
      expect(settingsInput.parse({ timezone })).toEqual({ timezone });
    }
    expect(settingsInput.parse({ timezone: ' europe/berlin ' })).toEqual({
      timezone: 'Europe/Berlin',
    });
  });

  it('throws UnknownAthleteError for an id that does not exist', async () => {
    await expect(getSettings(database.prisma, 987_654, NOW)).rejects.toBeInstanceOf(
      UnknownAthleteError,
    );
    await expect(
      updateSettings(database.prisma, 987_654, { units: 'imperial' }, NOW),
    ).rejects.toBeInstanceOf(UnknownAthleteError);
  });
});
