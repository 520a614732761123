import { addDays, daysBetween, mondayOf } from '@coach/metrics';
import { describe, expect, it } from 'vitest';
import {
  buildPlan,
  DISTANCE_RULES,
  distanceClassOf,
  MAINTENANCE_WEEKS,
  type PlanInput,
  referenceVolume,
  START_FLOOR_KM,
  STEP_BACK_FACTOR,
  sessionOn,
  TUNE_UP_WEEK_FACTOR,
  targetRaceOf,
} from './plan';
import { planViolations, samplePaces } from './testing';
import type { TrainingSummary } from './training-summary';
import { HARD_KINDS, type RaceGoal } from './types';

const TODAY = '2026-11-26'; // a Thursday
const PACES = samplePaces(TODAY);
const STEADY: TrainingSummary = {
  weeklyKm: [44, 46, 42, 45, 47, 46],
  chronicWeeklyKm: 45,
  lastWeekKm: 46,
  longestRunKm: 18,
};

function race(
  name: string,
  date: string,
  distanceMeters: number,
  priority: RaceGoal['priority'] = 'A',
): RaceGoal {
  return { name, date, distanceMeters, targetTimeSeconds: null, priority };
}

function plan(overrides: Partial<PlanInput> = {}) {
  return buildPlan({ today: TODAY, raceGoals: [], training: STEADY, paces: PACES, ...overrides });
}

describe('buildPlan without a race goal', () => {
  it('writes a maintenance plan of base weeks at the current volume', () => {
    const p = plan();
    expect(p.kind).toBe('maintenance');
    expect(p.targetRace).toBeNull();
    expect(p.weeks).toHaveLength(MAINTENANCE_WEEKS);
    expect(p.phases).toEqual([
      {
        phase: 'base',
        start: mondayOf(TODAY),
        end: addDays(mondayOf(TODAY), 7 * MAINTENANCE_WEEKS - 1),
      },
    ]);
    for (const week of p.weeks.slice(0, 3)) expect(week.trainingKm).toBeLessThanOrEqual(45 * 1.1);
    expect(p.weeks[3]?.focus).toContain('Step-back');
    expect(planViolations(p, STEADY)).toEqual([]);
  });

  it('ignores B and C races as a target but still races them', () => {
    const tuneUp = race('Parkway 10K', '2026-12-06', 10_000, 'B');
    const p = plan({ raceGoals: [tuneUp] });
    expect(p.kind).toBe('maintenance');
    expect(sessionOn(p, '2026-12-06')).toMatchObject({
      kind: 'race',
      workoutType: 'race',
      plannedDistanceMeters: 10_000,
    });
  });
});

describe('buildPlan after an A race', () => {
  it('finishes the recovery weeks before maintenance', () => {
    const marathon = race('Done', '2026-11-22', 42_195); // last Sunday
    const p = plan({ raceGoals: [marathon] });
    expect(p.kind).toBe('maintenance');
    expect(p.weeks.map((w) => w.stage)).toEqual([
      'recovery',
      'recovery',
      'base',
      'base',
      'base',
      'base',
    ]);
    expect(p.phases[0]).toEqual({
      phase: 'recovery',
      start: mondayOf(TODAY),
      end: addDays(mondayOf(TODAY), 13),
    });
    const first = p.weeks[0]?.days ?? [];
    expect(first.some((d) => HARD_KINDS.has(d.kind))).toBe(false);
    expect(p.weeks[2]?.focus).toContain('Maintenance');
    expect(planViolations(p, STEADY)).toEqual([]);
  });

  it('counts the race week itself as recovery when the race was earlier this week', () => {
    const p = plan({ today: '2026-11-29', raceGoals: [race('Done', '2026-11-28', 10_000)] });
    expect(p.weeks.map((w) => w.stage).slice(0, 2)).toEqual(['recovery', 'recovery']);
    expect(p.phases[0]?.start).toBe('2026-11-29');
  });

  it('is plain maintenance once the recovery weeks are over', () => {
    const p = plan({ raceGoals: [race('Long ago', '2026-10-04', 42_195)] });
    expect(p.weeks.every((w) => w.stage === 'base')).toBe(true);
  });
});

describe('buildPlan to an A race', () => {
  it.each([
    ['5k', 5000],
    ['10k', 10_000],
    ['half', 21_097.5],
    ['marathon', 42_195],
  ] as const)('tapers for a %s by its rule and recovers after it', (kind, meters) => {
    const raceDay = '2027-04-18'; // a Sunday, 21 weeks out
    const rules = DISTANCE_RULES[kind];
    const p = plan({ raceGoals: [race('Goal', raceDay, meters)] });
    expect(distanceClassOf(meters)).toBe(kind);
    const taper = p.phases.find((s) => s.phase === 'taper');
    expect(taper).toEqual({
      phase: 'taper',
      start: addDays(mondayOf(raceDay), -7 * (rules.taperWeeks - 1)),
      end: raceDay,
    });
    const recovery = p.phases.at(-1);
    expect(recovery?.phase).toBe('recovery');
    expect(recovery?.start).toBe(addDays(raceDay, 1));
    expect(daysBetween(raceDay, recovery?.end ?? raceDay)).toBe(7 * rules.recoveryShares.length);
    expect(p.phases.map((s) => s.phase)).toEqual(['base', 'build', 'peak', 'taper', 'recovery']);
    expect(sessionOn(p, raceDay)?.kind).toBe('race');
    expect(planViolations(p, STEADY)).toEqual([]);
  });

  it('keeps the race week light: no long run, a shakeout or rest the day before', () => {
    const raceDay = '2027-04-18';
    const p = plan({ raceGoals: [race('Goal', raceDay, 42_195)] });
    const raceWeek = p.weeks.find((w) => w.weekStart === mondayOf(raceDay));
    expect(raceWeek?.days.some((d) => d.kind === 'long')).toBe(false);
    expect(['shakeout', 'rest']).toContain(sessionOn(p, addDays(raceDay, -1))?.kind);
    expect(raceWeek?.days.filter((d) => d.kind === 'sharpener')).toHaveLength(1);
  });

  it('sets quality sessions by phase', () => {
    const p = plan({ raceGoals: [race('Goal', '2027-04-18', 42_195)] });
    const quality = (stage: string) =>
      p.weeks
        .filter((w) => w.stage === stage && w.loading)
        .map((w) =>
          w.days.filter((d) => HARD_KINDS.has(d.kind) && d.kind !== 'long').map((d) => d.kind),
        );
    for (const q of quality('base')) expect(q).toEqual(['tempo']);
    for (const q of quality('build')) expect(q).toEqual(['intervals', 'tempo']);
    for (const q of quality('peak')) expect(q).toEqual(['intervals', 'race_pace']);
    for (const week of p.weeks.filter((w) => w.stage === 'recovery')) {
      expect(week.days.filter((d) => HARD_KINDS.has(d.kind) && d.kind !== 'long')).toEqual([]);
    }
  });

  it('grows at most 10% a week with a step-back every 4th loading week', () => {
    const p = plan({ raceGoals: [race('Goal', '2027-04-18', 42_195)] });
    expect(planViolations(p, STEADY)).toEqual([]);
    const early = p.weeks.slice(0, 4);
    expect(early.map((w) => w.loading)).toEqual([true, true, true, false]);
    expect(early[3]?.trainingKm).toBeLessThanOrEqual(
      (early[2]?.trainingKm ?? 0) * STEP_BACK_FACTOR,
    );
    expect(Math.max(...p.weeks.map((w) => w.trainingKm))).toBeLessThanOrEqual(p.peakGoalKm);
  });

  it('plans runs only on training days, the long run on the long-run day', () => {
    const p = plan({
      raceGoals: [race('Goal', '2027-04-18', 21_097.5)],
      availability: {
        trainingDays: ['Monday', 'Wednesday', 'Friday', 'Saturday'],
        longRunDay: 'Saturday',
      },
    });
    for (const day of p.weeks.flatMap((w) => w.days)) {
      if (day.kind === 'race' || day.kind === 'rest') continue;
      expect(['Monday', 'Wednesday', 'Friday', 'Saturday']).toContain(day.weekday);
      if (day.kind === 'long') expect(day.weekday).toBe('Saturday');
    }
    expect(planViolations(p, STEADY)).toEqual([]);
  });

  it('gives a B race a short taper and a lighter week', () => {
    const tuneUp = race('Bridges Half', '2027-03-07', 21_097.5, 'B');
    const p = plan({ raceGoals: [race('Goal', '2027-04-18', 42_195), tuneUp] });
    const week = p.weeks.find((w) => w.weekStart === mondayOf(tuneUp.date));
    expect(sessionOn(p, tuneUp.date)?.kind).toBe('race');
    expect(HARD_KINDS.has(sessionOn(p, addDays(tuneUp.date, -1))?.kind ?? 'rest')).toBe(false);
    expect(HARD_KINDS.has(sessionOn(p, addDays(tuneUp.date, 1))?.kind ?? 'rest')).toBe(false);
    const before = p.weeks.filter((w) => w.loading && w.weekStart < (week?.weekStart ?? '')).at(-1);
    expect((week?.trainingKm ?? 0) + 21.1).toBeLessThanOrEqual(
      (before?.trainingKm ?? 0) * TUNE_UP_WEEK_FACTOR + 0.1,
    );
    expect(week?.focus).toContain('tune-up race Bridges Half');
    expect(planViolations(p, STEADY)).toEqual([]);
  });

  it('fits a race three weeks away with taper only', () => {
    const p = plan({ raceGoals: [race('Soon', '2026-12-13', 42_195)] });
    expect(p.phases.map((s) => s.phase)).toEqual(['taper', 'recovery']);
    expect(planViolations(p, STEADY)).toEqual([]);
  });

  it('paces every session and cites heart-rate ranges', () => {
    const p = plan({ raceGoals: [race('Goal', '2027-04-18', 21_097.5)] });
    const easy = p.weeks[0]?.days.find((d) => d.kind === 'easy');
    expect(easy?.pace?.fast).toBeCloseTo(280 * 1.2, 6);
    expect(easy?.heartRate).toEqual(PACES.heartRate?.easy);
    expect(easy?.description).toMatch(/easy at \d:\d\d–\d:\d\d\/km, HR \d+–\d+/);
    expect(easy?.plannedMinutes).toBeGreaterThan(0);
  });

  it('is deterministic', () => {
    const input = { raceGoals: [race('Goal', '2027-04-18', 42_195)] };
    expect(plan(input)).toEqual(plan(input));
  });
});

describe('where the volume starts', () => {
  it('grows from the 4-week mean, or from the last week after a break', () => {
    expect(referenceVolume(STEADY)).toBe(45);
    expect(referenceVolume({ ...STEADY, lastWeekKm: 10 })).toBe(10);
  });

  it('restarts a detrained athlete at the floor', () => {
    const none: TrainingSummary = {
      weeklyKm: [0, 0, 0, 0, 0, 0],
      chronicWeeklyKm: 0,
      lastWeekKm: 0,
      longestRunKm: 0,
    };
    const p = plan({ training: none, raceGoals: [race('Goal', '2027-04-18', 10_000)] });
    expect(p.weeks[0]?.trainingKm).toBeLessThanOrEqual(START_FLOOR_KM);
    expect(planViolations(p, none)).toEqual([]);
  });

  it('picks the earliest A race from today on', () => {
    const goals = [
      race('Later', '2027-06-01', 42_195),
      race('Past', '2026-11-01', 10_000),
      race('Next', '2027-04-18', 21_097.5),
    ];
    expect(targetRaceOf(goals, TODAY)?.name).toBe('Next');
  });
});
