import { addDays, daysBetween, type LocalDate } from '@coach/metrics';

/** Weeks of history the plan builder looks at. */
const SUMMARY_WEEKS = 6;
/** The chronic window, in weeks (the 28-day chronic load). */
const CHRONIC_WEEKS = 4;

const RUNNING_TYPES: ReadonlySet<string> = new Set(['run', 'trail_run', 'treadmill_run']);

export interface ActivityRecord {
  localDate: LocalDate;
  type: string;
  distanceMeters: number;
  movingTimeSeconds: number;
}

export interface TrainingSummary {
  /** running km in each of the last six 7-day windows ending yesterday, oldest first */
  weeklyKm: number[];
  /** mean of the last four windows: the chronic weekly volume */
  chronicWeeklyKm: number;
  /** the last 7 days */
  lastWeekKm: number;
  longestRunKm: number;
}

export function isRunning(type: string): boolean {
  return RUNNING_TYPES.has(type);
}

/** Running volume of the six weeks before `today` (today's unfinished day left out). */
export function summarizeTraining(
  activities: readonly ActivityRecord[],
  today: LocalDate,
): TrainingSummary {
  const weeklyKm = Array.from({ length: SUMMARY_WEEKS }, () => 0);
  let longestRunKm = 0;
  for (const activity of activities) {
    if (!isRunning(activity.type)) continue;
    const daysAgo = daysBetween(activity.localDate, addDays(today, -1));
    if (daysAgo < 0 || daysAgo >= SUMMARY_WEEKS * 7) continue;
    const index = SUMMARY_WEEKS - 1 - Math.floor(daysAgo / 7);
    const km = activity.distanceMeters / 1000;
    weeklyKm[index] = (weeklyKm[index] ?? 0) + km;
    longestRunKm = Math.max(longestRunKm, km);
  }
  const chronic = weeklyKm.slice(-CHRONIC_WEEKS);
  return {
    weeklyKm,
    chronicWeeklyKm: chronic.reduce((sum, km) => sum + km, 0) / CHRONIC_WEEKS,
    lastWeekKm: weeklyKm[SUMMARY_WEEKS - 1] ?? 0,
    longestRunKm,
  };
}
