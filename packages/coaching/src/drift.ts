import type { LocalDate } from '@coach/metrics';
import { isRunning } from './training-summary';

/** Missed plus extra sessions in a week from which the coming weeks are planned again. */
export const DRIFT_SESSIONS = 2;
/** The share by which a week's running distance may miss the planned before the plan is redone. */
export const DRIFT_VOLUME_SHARE = 0.25;

export interface WeekDrift {
  /** planned running days (neither rest nor race) with no run */
  missed: number;
  /** planned rest days with a run */
  extra: number;
  plannedKm: number;
  doneKm: number;
  /** missed + extra ≥ DRIFT_SESSIONS, or the distance off the planned by more than DRIFT_VOLUME_SHARE */
  drifted: boolean;
}

/**
 * How far a week's actual training drifted from its program: sessions missed and added, running
 * distance against the planned. Cross-training counts as neither (a ride on a rest day is not an
 * extra run, nor does it make up a missed one).
 */
export function weekDrift(
  planned: readonly { date: LocalDate; workoutType: string; plannedDistanceMeters: number }[],
  done: readonly { localDate: LocalDate; type: string; distanceMeters: number }[],
): WeekDrift {
  const runs = done.filter((activity) => isRunning(activity.type));
  const ranOn = new Set(runs.map((run) => run.localDate));
  const dates = new Set(planned.map((day) => day.date));
  let missed = 0;
  let extra = 0;
  for (const day of planned) {
    if (day.workoutType === 'rest') extra += ranOn.has(day.date) ? 1 : 0;
    else if (day.workoutType !== 'race') missed += ranOn.has(day.date) ? 0 : 1;
  }
  const plannedKm = planned.reduce((km, day) => km + day.plannedDistanceMeters / 1000, 0);
  const doneKm = runs
    .filter((run) => dates.has(run.localDate))
    .reduce((km, run) => km + run.distanceMeters / 1000, 0);
  const volumeOff = plannedKm > 0 && Math.abs(doneKm - plannedKm) > DRIFT_VOLUME_SHARE * plannedKm;
  return {
    missed,
    extra,
    plannedKm,
    doneKm,
    drifted: missed + extra >= DRIFT_SESSIONS || volumeOff,
  };
}

/** The least change of the training base, in weekly km, that plans again: a beginner's first runs do not each redo it. */
export const BASE_DRIFT_MIN_KM = 5;

/**
 * Whether the training base (`referenceVolume`: the weekly running km a plan starts from) moved
 * away from the one the stored plan was built on: by more than DRIFT_VOLUME_SHARE of it and
 * BASE_DRIFT_MIN_KM, or at all when the plan was built on no history (an import after sign-up).
 * A plan whose base is unknown (`null`, written before it was kept) is left to the weekly drift.
 */
export function baseDrifted(planBaseKm: number | null, currentBaseKm: number): boolean {
  if (planBaseKm === null) return false;
  if (planBaseKm === 0) return currentBaseKm > 0;
  const change = Math.abs(currentBaseKm - planBaseKm);
  return change > DRIFT_VOLUME_SHARE * planBaseKm && change >= BASE_DRIFT_MIN_KM;
}
