import { addDays, dateRange, daysBetween, localDateOf, mondayOf } from '@coach/metrics';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROFILE,
  generateAthleteHistory,
  generateAthletes,
  INSTRUCTION_NOTE,
} from './generate';
import { createRng, hashSeed, rngFor } from './random';
import type { AthleteHistory, GeneratedActivity } from './types';

const TODAY = '2026-11-25';
const SEEDS = [1, 2, 3, 42, 20_260_101];

const cache = new Map<string, AthleteHistory>();
function history(seed: number, extra: { today?: string; days?: number; timezone?: string } = {}) {
  const key = JSON.stringify([seed, extra]);
  let result = cache.get(key);
  if (!result) {
    result = generateAthleteHistory({ seed, today: extra.today ?? TODAY, ...extra });
    cache.set(key, result);
  }
  return result;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const isRun = (a: GeneratedActivity) => a.type !== 'ride';
const paceOf = (a: GeneratedActivity) => a.movingTimeSeconds / (a.distanceMeters / 1000);
describe('random', () => {
  it('is deterministic, in range and keyed by its parts', () => {
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(0.05);

    const rng = rngFor(1, 'x');
    for (let i = 0; i < 200; i++) {
      const n = rng.int(3, 5);
      expect([3, 4, 5]).toContain(n);
      const u = rng.uniform(2, 4);
      expect(u).toBeGreaterThanOrEqual(2);
      expect(u).toBeLessThan(4);
    }
    const normals = Array.from({ length: 4000 }, () => rng.normal(10, 2));
    expect(mean(normals)).toBeCloseTo(10, 0);
    expect(rng.pick(['only'])).toBe('only');
    expect(() => rng.pick([])).toThrow();
    expect(hashSeed(1, 'a', '2026-01-01')).not.toBe(hashSeed(1, 'a', '2026-01-02'));
    expect(hashSeed(1, 'a')).toBe(hashSeed(1, 'a'));
  });
});

describe('generateAthleteHistory', () => {
  it('is deterministic: the same options give deep-equal output, another seed differs', () => {
    const a = generateAthleteHistory({ seed: 9, today: TODAY, days: 120 });
    const b = generateAthleteHistory({ seed: 9, today: TODAY, days: 120 });
    expect(a).toEqual(b);
    const c = generateAthleteHistory({ seed: 10, today: TODAY, days: 120 });
    expect(c.activities).not.toEqual(a.activities);
    expect(c.journal).not.toEqual(a.journal);
  });

  it('makes a shorter history exactly the tail of a longer one', () => {
    const long = history(3);
    const short = history(3, { days: 30 });
    const from = addDays(TODAY, -29);
    expect(short.activities).toEqual(long.activities.filter((a) => a.localDate >= from));
    expect(short.raceGoals).toEqual(long.raceGoals);
  });

  it('continues a history past today with the same days before it, into the next cycle', () => {
    const now = history(3);
    const through = addDays(TODAY, 150);
    const later = generateAthleteHistory({ seed: 3, today: TODAY, through });
    expect(later.activities.filter((a) => a.localDate < TODAY)).toEqual(now.activities);
    expect(later.journal.filter((j) => j.entryDate < TODAY)).toEqual(
      now.journal.filter((j) => j.entryDate < TODAY),
    );
    const after = later.activities.filter((a) => a.localDate >= TODAY);
    // About five months more of training, nothing on the new today.
    expect(after.length).toBeGreaterThan(20 * 4);
    expect(after.every((a) => a.localDate < through)).toBe(true);
    // The A race that was ahead is run, and a new cycle brings a new A race.
    const aRace = now.raceGoals.find((g) => g.priority === 'A');
    expect(later.raceHistory.map((r) => r.raceDate)).toContain(aRace?.raceDate);
    const nextA = later.raceGoals.find((g) => g.priority === 'A');
    expect((nextA?.raceDate ?? '') > through).toBe(true);
    expect(() =>
      generateAthleteHistory({ seed: 3, today: TODAY, through: '2026-01-01' }),
    ).toThrow();
  });

  it('uses the default profile and accepts overrides', () => {
    const h = history(1);
    expect(h.profile).toEqual(DEFAULT_PROFILE);
    const custom = generateAthleteHistory({
      seed: 1,
      today: TODAY,
      days: 14,
      timezone: 'Europe/Berlin',
      profile: { sex: 'female', displayName: 'Ana', maxHeartRate: 195 },
    });
    expect(custom.profile).toMatchObject({
      sex: 'female',
      displayName: 'Ana',
      maxHeartRate: 195,
      timezone: 'Europe/Berlin',
      restingHeartRate: 48,
    });
  });

  it('rejects bad options', () => {
    expect(() => generateAthleteHistory({ seed: 1, today: '2026-13-01' })).toThrow();
    expect(() => generateAthleteHistory({ seed: 1, today: TODAY, days: -1 })).toThrow();
    expect(() => generateAthleteHistory({ seed: 1, today: TODAY, days: 2.5 })).toThrow();
    expect(() =>
      generateAthleteHistory({ seed: 1, today: TODAY, timezone: 'Mars/Olympus' }),
    ).toThrow();
  });

  it.each(SEEDS)('ends at today and starts days − 1 before (seed %i)', (seed) => {
    const h = history(seed);
    const start = addDays(TODAY, -181);
    for (const a of h.activities) {
      expect(a.localDate >= start && a.localDate < TODAY).toBe(true);
    }
    for (const j of h.journal) expect(j.entryDate >= start && j.entryDate <= TODAY).toBe(true);
    expect(h.activities.some((a) => a.localDate <= addDays(start, 3))).toBe(true);
    expect(h.activities.some((a) => a.localDate >= addDays(TODAY, -3))).toBe(true);
    // Sorted, unique, stable ids.
    const ids = h.activities.map((a) => a.sourceId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of h.activities)
      expect(a.sourceId.startsWith(`${seed}-${a.localDate}-`)).toBe(true);
    const times = h.activities.map((a) => a.startTime.getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it.each(SEEDS)('trains 4–6 runs a week with rest days over six months (seed %i)', (seed) => {
    const h = history(seed);
    const firstMonday = addDays(mondayOf(addDays(TODAY, -181)), 7);
    const weeks = dateRange(firstMonday, addDays(mondayOf(TODAY), -1)).filter(
      (d) => d === mondayOf(d),
    );
    expect(weeks.length).toBeGreaterThanOrEqual(24);
    const runsPerWeek: number[] = [];
    let weeksWithRest = 0;
    for (const monday of weeks) {
      const week = dateRange(monday, addDays(monday, 6));
      const acts = h.activities.filter((a) => week.includes(a.localDate));
      runsPerWeek.push(acts.filter(isRun).length);
      const activeDays = new Set(acts.map((a) => a.localDate)).size;
      if (activeDays <= 6) weeksWithRest++;
    }
    expect(mean(runsPerWeek)).toBeGreaterThanOrEqual(4);
    expect(mean(runsPerWeek)).toBeLessThanOrEqual(6);
    expect(Math.max(...runsPerWeek)).toBeLessThanOrEqual(7);
    expect(weeksWithRest / weeks.length).toBeGreaterThan(0.9);
    // Variety: long runs, quality, an occasional ride and a trail run with real climbing.
    const types = new Set(h.activities.map((a) => a.workoutType));
    for (const t of ['easy', 'long', 'tempo', 'intervals', 'recovery', 'race'] as const) {
      expect(types).toContain(t);
    }
    expect(h.activities.some((a) => a.type === 'ride')).toBe(true);
    const trail = h.activities.filter((a) => a.type === 'trail_run');
    expect(trail.length).toBeGreaterThan(0);
    for (const t of trail)
      expect(t.elevationGainMeters / (t.distanceMeters / 1000)).toBeGreaterThan(20);
    // Long runs at the weekend.
    for (const a of h.activities.filter((x) => x.workoutType === 'long')) {
      expect(daysBetween(mondayOf(a.localDate), a.localDate)).toBeGreaterThanOrEqual(5);
    }
  });

  it.each([
    'America/Denver',
    'Europe/Berlin',
    'Australia/Sydney',
    'Asia/Kolkata',
    'Pacific/Auckland',
  ])('local dates match start times in %s, mostly in the morning', (timezone) => {
    const h = history(5, { timezone, days: 400 });
    const hourOf = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hour: 'numeric',
      hourCycle: 'h23',
    });
    let morning = 0;
    for (const a of h.activities) {
      expect(localDateOf(a.startTime, timezone)).toBe(a.localDate);
      if (Number(hourOf.format(a.startTime)) < 12) morning++;
    }
    expect(morning / h.activities.length).toBeGreaterThan(0.6);
    expect(morning / h.activities.length).toBeLessThan(1);
  });

  it('keeps local wall-clock start times on both sides of a DST change', () => {
    // Denver is UTC−6 in summer (MDT) and UTC−7 in winter (MST); a year of history spans both.
    const h = history(5, { timezone: 'America/Denver', days: 400 });
    const hourOf = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/Denver',
      hour: 'numeric',
      hourCycle: 'h23',
    });
    const offsets = new Set<number>();
    for (const a of h.activities) {
      const localHour = Number(hourOf.format(a.startTime));
      expect(localHour).toBeGreaterThanOrEqual(5);
      expect(localHour).toBeLessThanOrEqual(19);
      offsets.add((a.startTime.getUTCHours() - localHour + 24) % 24);
    }
    expect([...offsets].sort()).toEqual([6, 7]);
    // The marathon starts at 07:00 local whatever the season.
    for (const race of h.activities.filter(
      (a) => a.workoutType === 'race' && a.distanceMeters > 40_000,
    )) {
      expect(Number(hourOf.format(race.startTime))).toBe(7);
    }
  });

  it.each(SEEDS)('heart rate rises with effort and stays below max (seed %i)', (seed) => {
    const h = history(seed);
    const max = h.profile.maxHeartRate;
    const withHr = h.activities.filter((a) => a.averageHeartRate !== null);
    const hrOf = (type: string) =>
      mean(
        withHr
          .filter((a) => a.workoutType === type && a.type !== 'ride')
          .map((a) => a.averageHeartRate as number),
      );
    expect(hrOf('tempo')).toBeGreaterThan(hrOf('easy'));
    expect(hrOf('intervals')).toBeGreaterThan(hrOf('easy'));
    expect(hrOf('easy')).toBeGreaterThan(hrOf('recovery'));
    expect(hrOf('easy') / max).toBeGreaterThan(0.68);
    expect(hrOf('easy') / max).toBeLessThan(0.77);
    expect(hrOf('tempo') / max).toBeGreaterThan(0.83);
    expect(hrOf('tempo') / max).toBeLessThan(0.9);
    for (const a of withHr) {
      expect(a.maxHeartRate).not.toBeNull();
      expect(a.maxHeartRate as number).toBeLessThan(max);
      expect(a.maxHeartRate as number).toBeGreaterThan(a.averageHeartRate as number);
      expect(a.averageHeartRate as number).toBeGreaterThan(h.profile.restingHeartRate);
    }
    const intervalsMax = withHr
      .filter((a) => a.workoutType === 'intervals')
      .map((a) => (a.maxHeartRate as number) / max);
    expect(mean(intervalsMax)).toBeGreaterThan(0.9);
    // A few activities lack heart rate and carry perceived effort instead.
    const noHr = h.activities.filter((a) => a.averageHeartRate === null);
    expect(noHr.length).toBeGreaterThan(0);
    expect(noHr.length).toBeLessThan(h.activities.length * 0.15);
    for (const a of noHr) {
      expect(a.maxHeartRate).toBeNull();
      expect(a.perceivedEffort).toBeGreaterThanOrEqual(1);
      expect(a.perceivedEffort).toBeLessThanOrEqual(10);
    }
  });

  it('gives the default athlete plausible paces, improving slowly', () => {
    const h = history(20_260_101);
    const runs = h.activities.filter((a) => a.type === 'run');
    const pace = (type: string) => mean(runs.filter((a) => a.workoutType === type).map(paceOf));
    expect(pace('easy')).toBeGreaterThan(330);
    expect(pace('easy')).toBeLessThan(375);
    expect(pace('tempo')).toBeGreaterThan(265);
    expect(pace('tempo')).toBeLessThan(290);
    expect(pace('intervals')).toBeGreaterThan(275);
    expect(pace('intervals')).toBeLessThan(310);
    // Same effort, more speed: metres per minute per heartbeat on easy runs.
    const economy = (from: string, to: string) =>
      mean(
        runs
          .filter((a) => a.workoutType === 'easy' && a.averageHeartRate !== null)
          .filter((a) => a.localDate >= from && a.localDate <= to)
          .map(
            (a) => a.distanceMeters / (a.movingTimeSeconds / 60) / (a.averageHeartRate as number),
          ),
      );
    const early = economy(addDays(TODAY, -181), addDays(TODAY, -130));
    const late = economy(addDays(TODAY, -50), TODAY);
    expect(late).toBeGreaterThan(early);
  });

  it.each(SEEDS)('has an A race ahead, a B and a C race and past results (seed %i)', (seed) => {
    const h = history(seed);
    const goals = h.raceGoals;
    const a = goals.filter((g) => g.priority === 'A');
    expect(a).toHaveLength(1);
    const aRace = a[0];
    if (!aRace) throw new Error('no A race');
    const ahead = daysBetween(TODAY, aRace.raceDate);
    expect(ahead).toBeGreaterThanOrEqual(14);
    expect(ahead).toBeLessThanOrEqual(56);
    expect([21_097.5, 42_195]).toContain(aRace.distanceMeters);
    expect(aRace.targetTimeSeconds).toBeGreaterThan(0);
    const b = goals.filter((g) => g.priority === 'B');
    expect(b).toHaveLength(1);
    expect(Math.abs(daysBetween(TODAY, b[0]?.raceDate ?? ''))).toBeLessThanOrEqual(42);
    expect(goals.filter((g) => g.priority === 'C')).toHaveLength(1);

    expect(h.raceHistory.length).toBeGreaterThanOrEqual(1);
    for (const r of h.raceHistory) {
      expect(r.raceDate < TODAY).toBe(true);
      const perKm = r.finishTimeSeconds / (r.distanceMeters / 1000);
      expect(perKm).toBeGreaterThan(210);
      expect(perKm).toBeLessThan(360);
      // Inside the window the race is an activity with the same time (give or take stops).
      if (r.raceDate >= addDays(TODAY, -181)) {
        const activity = h.activities.find(
          (x) => x.localDate === r.raceDate && x.workoutType === 'race',
        );
        expect(activity?.name).toBe(r.name);
        expect(Math.abs((activity?.movingTimeSeconds ?? 0) - r.finishTimeSeconds)).toBeLessThan(20);
      }
    }
    // Longer races are run slower per km.
    const results = h.raceHistory.filter((r) => r.distanceMeters >= 10_000);
    const byDistance = [...results].sort((x, y) => x.distanceMeters - y.distanceMeters);
    const first = byDistance[0];
    const last = byDistance[byDistance.length - 1];
    if (first && last && last.distanceMeters > first.distanceMeters * 2) {
      expect(last.finishTimeSeconds / last.distanceMeters).toBeGreaterThan(
        first.finishTimeSeconds / first.distanceMeters,
      );
    }
  });

  it.each(SEEDS)(
    'holds the instruction-like note exactly once, a few days before today (seed %i)',
    (seed) => {
      const h = history(seed);
      const notes = h.journal.filter((j) => j.notes !== null);
      const instructions = notes.filter((j) => /coach|ignore|no matter what/i.test(j.notes ?? ''));
      expect(instructions).toHaveLength(1);
      expect(instructions[0]?.notes).toBe(INSTRUCTION_NOTE);
      const ago = daysBetween(instructions[0]?.entryDate ?? '', TODAY);
      expect(ago).toBeGreaterThanOrEqual(1);
      expect(ago).toBeLessThanOrEqual(6);
    },
  );

  it.each(SEEDS)('keeps journal values on their scales (seed %i)', (seed) => {
    const h = history(seed);
    const days = 182;
    expect(h.journal.length / days).toBeGreaterThan(0.75);
    expect(h.journal.length / days).toBeLessThan(0.95);
    const withNotes = h.journal.filter((j) => j.notes !== null).length;
    expect(withNotes / h.journal.length).toBeGreaterThan(0.3);
    expect(withNotes / h.journal.length).toBeLessThan(0.75);
    const activeDays = new Set(h.activities.map((a) => a.localDate));
    for (const j of h.journal) {
      expect(Number.isInteger(j.energyLevel)).toBe(true);
      expect(j.energyLevel).toBeGreaterThanOrEqual(1);
      expect(j.energyLevel).toBeLessThanOrEqual(5);
      expect(j.painPercentage % 20).toBe(0);
      expect(j.painPercentage).toBeGreaterThanOrEqual(0);
      expect(j.painPercentage).toBeLessThanOrEqual(100);
      if (activeDays.has(j.entryDate)) {
        expect(j.rpeScore).toBeGreaterThanOrEqual(1);
        expect(j.rpeScore).toBeLessThanOrEqual(10);
      } else {
        expect(j.rpeScore).toBeNull();
      }
    }
    // Mostly low pain, one niggle episode, and never high pain two days running in the last week.
    const low = h.journal.filter((j) => j.painPercentage <= 20).length;
    expect(low / h.journal.length).toBeGreaterThan(0.9);
    expect(h.journal.some((j) => j.painPercentage >= 40)).toBe(true);
    const lastWeek = new Map(
      h.journal.filter((j) => j.entryDate > addDays(TODAY, -7)).map((j) => [j.entryDate, j]),
    );
    for (const [date, j] of lastWeek) {
      const next = lastWeek.get(addDays(date, 1));
      expect(j.painPercentage >= 60 && (next?.painPercentage ?? 0) >= 60).toBe(false);
    }
    const notes = new Set(h.journal.map((j) => j.notes).filter((n) => n !== null));
    expect(notes.size).toBeGreaterThan(25);
  });

  it('with days: 0 returns no daily records but still the profile and races', () => {
    const h = generateAthleteHistory({ seed: 4, today: TODAY, days: 0 });
    expect(h.activities).toEqual([]);
    expect(h.journal).toEqual([]);
    expect(h.profile.displayName).toBe('Demo Runner');
    expect(h.raceGoals.length).toBe(3);
    expect(h.raceHistory.length).toBeGreaterThanOrEqual(1);
  });

  it('handles very short histories', () => {
    for (const days of [1, 2, 3, 7]) {
      const h = generateAthleteHistory({ seed: 4, today: TODAY, days });
      expect(h.activities.every((a) => a.localDate > addDays(TODAY, -days))).toBe(true);
      expect(h.journal.filter((j) => j.notes === INSTRUCTION_NOTE)).toHaveLength(1);
    }
  });

  it('generates five years of history', () => {
    const h = generateAthleteHistory({ seed: 11, today: TODAY, days: 5 * 365 });
    expect(h.activities.length).toBeGreaterThan(5 * 52 * 4);
    expect(h.raceHistory.length).toBeGreaterThan(10);
    expect(h.journal.filter((j) => j.notes === INSTRUCTION_NOTE)).toHaveLength(1);
    for (const a of h.activities)
      expect(localDateOf(a.startTime, h.profile.timezone)).toBe(a.localDate);
  });
});

describe('generateAthletes', () => {
  it('gives distinct athletes sharing the same today', () => {
    const athletes = generateAthletes(3, { today: TODAY, days: 60 });
    expect(athletes).toHaveLength(3);
    expect(new Set(athletes.map((a) => a.profile.displayName)).size).toBe(3);
    expect(new Set(athletes.map((a) => a.profile.timezone)).size).toBe(3);
    expect(new Set(athletes.map((a) => a.activities[0]?.sourceId)).size).toBe(3);
    for (const a of athletes) {
      for (const act of a.activities) {
        expect(localDateOf(act.startTime, a.profile.timezone)).toBe(act.localDate);
        if (act.maxHeartRate !== null)
          expect(act.maxHeartRate).toBeLessThan(a.profile.maxHeartRate);
      }
    }
    // Faster athletes run faster easy runs.
    const easyPace = (h: AthleteHistory) =>
      mean(h.activities.filter((x) => x.workoutType === 'easy' && x.type === 'run').map(paceOf));
    const [demo, slower, faster] = athletes as [AthleteHistory, AthleteHistory, AthleteHistory];
    expect(easyPace(faster)).toBeLessThan(easyPace(demo));
    expect(easyPace(slower)).toBeGreaterThan(easyPace(demo));
    expect(generateAthletes(3, { today: TODAY, days: 60 })).toEqual(athletes);
  });

  it('stays distinct beyond the roster', () => {
    const athletes = generateAthletes(10, { today: TODAY, days: 7 });
    expect(new Set(athletes.map((a) => a.profile.displayName)).size).toBe(10);
  });
});
