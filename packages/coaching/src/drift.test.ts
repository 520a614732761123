import { addDays } from '@coach/metrics';
import { describe, expect, it } from 'vitest';
import {
  BASE_DRIFT_MIN_KM,
  baseDrifted,
  DRIFT_SESSIONS,
  DRIFT_VOLUME_SHARE,
  weekDrift,
} from './drift';
import type { WorkoutType } from './types';

const MONDAY = '2026-11-16';
// Rest Monday and Friday, 8 km on the other days, a 16 km long run on Sunday: 48 km.
const WEEK = (['rest', 'easy', 'tempo', 'easy', 'rest', 'easy', 'long'] as WorkoutType[]).map(
  (workoutType, i) => ({
    date: addDays(MONDAY, i),
    workoutType,
    plannedDistanceMeters: workoutType === 'rest' ? 0 : workoutType === 'long' ? 16_000 : 8000,
  }),
);
const asPlanned = WEEK.filter((day) => day.workoutType !== 'rest').map((day) => ({
  localDate: day.date,
  type: 'run',
  distanceMeters: day.plannedDistanceMeters,
}));

describe('weekDrift', () => {
  it('a week run as planned has not drifted', () => {
    expect(weekDrift(WEEK, asPlanned)).toEqual({
      missed: 0,
      extra: 0,
      plannedKm: 48,
      doneKm: 48,
      drifted: false,
    });
  });

  it(`one missed session is not drift; ${DRIFT_SESSIONS} missed or added are`, () => {
    const oneMissed = asPlanned.filter((run) => run.localDate !== addDays(MONDAY, 3));
    expect(weekDrift(WEEK, oneMissed)).toMatchObject({ missed: 1, drifted: false });
    const extraRun = { localDate: MONDAY, type: 'run', distanceMeters: 1000 };
    expect(weekDrift(WEEK, [...oneMissed, extraRun])).toMatchObject({
      missed: 1,
      extra: 1,
      drifted: true,
    });
  });

  it(`distance more than ${DRIFT_VOLUME_SHARE * 100}% off the planned is drift, every session done or not`, () => {
    const doubled = asPlanned.map((run) => ({ ...run, distanceMeters: run.distanceMeters * 1.3 }));
    expect(weekDrift(WEEK, doubled)).toMatchObject({ missed: 0, extra: 0, drifted: true });
    const shorter = asPlanned.map((run) => ({ ...run, distanceMeters: run.distanceMeters * 0.8 }));
    expect(weekDrift(WEEK, shorter).drifted).toBe(false);
  });

  it('cross-training is neither an extra run nor a run done', () => {
    const rides = [MONDAY, addDays(MONDAY, 4)].map((localDate) => ({
      localDate,
      type: 'ride',
      distanceMeters: 30_000,
    }));
    expect(weekDrift(WEEK, [...asPlanned, ...rides])).toMatchObject({ extra: 0, drifted: false });
  });
});

describe('baseDrifted', () => {
  it('a plan built on no history is planned again once there is some', () => {
    expect(baseDrifted(0, 0)).toBe(false);
    expect(baseDrifted(0, 1.5)).toBe(true);
  });

  it('past the volume share and the least change in km, either way, and not before', () => {
    const base = 40;
    const share = DRIFT_VOLUME_SHARE * base;
    expect(baseDrifted(base, base + share)).toBe(false);
    expect(baseDrifted(base, base + share + 0.1)).toBe(true);
    expect(baseDrifted(base, base - share - 0.1)).toBe(true);
    // An ordinary 10 km run adds 2.5 km to the 4-week mean.
    expect(baseDrifted(base, base + 2.5)).toBe(false);
    // A small base: a quarter more is still less than the least change.
    expect(baseDrifted(8, 8 + BASE_DRIFT_MIN_KM - 0.1)).toBe(false);
    expect(baseDrifted(8, 8 + BASE_DRIFT_MIN_KM)).toBe(true);
  });

  it('leaves a plan whose base is unknown to the weekly drift', () => {
    expect(baseDrifted(null, 60)).toBe(false);
  });
});
