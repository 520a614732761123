/** Checks of the plan rules, for this package's tests and for callers' integration tests. */
import { addDays, type LocalDate } from '@coach/metrics';
import { derivePaces, type Paces } from './paces';
import {
  LONG_RUN_MAX_SHARE,
  referenceVolume,
  START_FLOOR_KM,
  type TrainingPlan,
  WEEKLY_GROWTH_CAP,
} from './plan';
import { makeSession } from './sessions';
import type { TrainingSummary } from './training-summary';
import { HARD_KINDS, type PlannedSession, type SessionKind } from './types';

/** A 4:40/km-threshold runner with resting HR 48 and max 186. */
export function samplePaces(today: LocalDate): Paces {
  return derivePaces({
    today,
    thresholdPaceSecondsPerKm: 280,
    restingHeartRate: 48,
    maxHeartRate: 186,
  });
}

/** A build-phase session of `kind` and `km` on `date`, paced by `samplePaces`. */
export function sampleSession(date: LocalDate, kind: SessionKind, km: number): PlannedSession {
  return makeSession(date, kind, km, {
    paces: samplePaces(date),
    units: 'metric',
    stage: 'build',
    targetRace: null,
  });
}

/** Rounding to half kilometres may add this much to a share. */
const SHARE_TOLERANCE = 0.02;

/** Every way `plan` breaks the growth cap, the long-run share or the hard-day spacing; empty when none. */
export function planViolations(plan: TrainingPlan, training: TrainingSummary): string[] {
  const problems: string[] = [];
  const firstCap = Math.max(referenceVolume(training) * WEEKLY_GROWTH_CAP, START_FLOOR_KM);
  let lastLoading: number | null = null;
  for (const week of plan.weeks) {
    const cap = lastLoading === null ? firstCap : lastLoading * WEEKLY_GROWTH_CAP;
    if (week.trainingKm > cap + 1e-9) {
      problems.push(
        `${week.weekStart}: ${week.trainingKm} km is over the cap of ${cap.toFixed(1)}`,
      );
    }
    if (week.loading) lastLoading = week.trainingKm;

    const runs = week.days.filter((d) => d.kind !== 'rest' && d.kind !== 'race');
    const long = week.days.find((d) => d.kind === 'long');
    if (long && week.trainingKm > 0) {
      const limit = Math.max(LONG_RUN_MAX_SHARE, 1 / runs.length) + SHARE_TOLERANCE;
      const share = long.plannedDistanceMeters / 1000 / week.trainingKm;
      if (share > limit) {
        problems.push(`${week.weekStart}: long run is ${(share * 100).toFixed(0)}% of the week`);
      }
    }
  }
  const days = plan.weeks.flatMap((w) => w.days);
  days.forEach((day, i) => {
    const next = days[i + 1];
    if (next && next.date === addDays(day.date, 1) && HARD_KINDS.has(day.kind)) {
      if (HARD_KINDS.has(next.kind)) {
        problems.push(`${day.date} and ${next.date}: two hard days in a row`);
      }
    }
  });
  return problems;
}
